"""Bank AX: a mix across the body, in four registers that earlier banks did not use as such.

Written blind by helper qcax (never opened the QC rules, their tests, other banks or their rows); NOT
MEASURED BY ITS WRITER: the lead measures it once after merging (no first measure recorded here).

Targets (16): abdomen CT (liver, spleen, both kidneys, L3 vertebra), pelvis CT (urinary bladder, left gluteus
maximus), chest CT (right lung, trachea, heart, left scapula), lower-limb CT (right femur), brain MR axial
(both lateral ventricles) and coronal "LI" (left hippocampus), and 2D photos without patient axes
(orientation None): a colonoscopy polyp (one or two regions), a dermoscopy skin lesion and a fundus optic
disc (a label the knowledge base does not know). Facts are the product's own `compute_facts` on synthetic
ellipse masks; the prose is written from those facts (side, vertical, size class, area percent, regions,
relations), never from the intended placement.

Registers (STYLES): `reasoning` (a GPT-style "Reasoning: ... / Answer: ..." block), `report` (a structured
template FINDINGS / IMPRESSION / RECOMMENDATION with a small feature table), `refined` (a physician-refined
concise answer with citation-like asides such as "(cf. Gray's Anatomy)"), `chatty` (a conversational answer
full of discourse markers: "Right, so...", "Okay!", "Well,", "Sure thing -", "Exactly.").

Traps, all true and in clean and defective rows alike: discourse "Right."/"all right"/"that's right", "left
over", "the left-hand column of the table", "a small point", "a large body of evidence", "second opinion",
"one thing to note", "in front of you", "back to your question", numbers in dates, doses, ages and references
("in 2019", "5 mg of a sedative", "aged 60", "Figure 2"), negations ("not on the right", "no second region"), the display
convention, sentences about other structures with their own sides and sizes, hedges.

Defects: exactly one plainly false claim (a wrong side, incl. bilateral called one-sided and midline called
lateral; a wrong front/back or up/down position or a flipped relation; a wrong size class or a percent far
off; a wrong region count; a first question naming the target). About a sixth of side/position/size/count
defects sit in a follow-up user question, about a quarter in a follow-up answer. Photos carry only size,
count and names_target defects.

Writer's own sanity checks (a scratch script, nothing from QC): all 420 rows load into the models; every turn is
12..2000 characters with at least three words; exactly one [SEG], in the first answer; every first question asks;
no clean first question holds the target's name or a knowledge-base synonym; no mask's size fraction lies within
15% of a class bound and no centroid within 0.01 of the midline/central band; re-parsing the claim sentences of
every row against its facts finds 0 false claims in the 210 clean rows and exactly one in each of the 168
side/position/size/count rows (100 in the first answer, 44 in a later answer, 24 in a user follow-up); rounds:
125 one, 154 two, 141 three. First measure: not measured by its writer (the lead measures it once after merging).
"""

from __future__ import annotations

import random

import numpy as np

KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["reasoning", "report", "refined", "chatty"]
SEG = "[SEG]"
NUM = {2: "two", 3: "three", 4: "four"}
N = 256


def _p(target, mod, region, orient, blobs, others, q, named, kb, pop, noun="structure"):
    return dict(target=target, modality=mod, body_region=region, orientation=orient, blobs=blobs,
                others=others, q=q, named=named, kb=kb, pop=pop, noun=noun)


# blobs: (cx, cy, rx, ry) in image fractions; others: name -> normalised centroid (x, y)
PROFILES = [
    _p("liver", "CT", "abdomen", "LP", [(0.30, 0.39, 0.17, 0.20)],
       {"spleen": (0.76, 0.58), "aorta": (0.53, 0.60), "stomach": (0.62, 0.38)},
       ["Which organ on this abdominal CT stores glycogen and makes bile? Please segment it.",
        "A patient has yellow eyes and dark urine after a viral illness. Which organ on this slice should I look at? Outline it please."],
       ["Can you segment the hepatic parenchyma on this CT?", "Please outline the liver on this slice; is it normal?",
        "Where is the hepatic tissue here? Segment it please."],
       ["The spleen lies high in the patient's left upper quadrant.", "The gallbladder hangs beneath the right lobe in most adults."],
       "In adults the craniocaudal span of this organ is usually under 16 cm", "organ"),
    _p("spleen", "CT", "abdomen", "LP", [(0.76, 0.60, 0.07, 0.09)],
       {"liver": (0.30, 0.40), "aorta": (0.53, 0.58), "stomach": (0.62, 0.38)},
       ["Which organ on this CT filters old red cells and clears encapsulated bacteria? Please segment it.",
        "After a rib injury in a 2019 bicycle crash, which blood-filtering organ should be checked here? Outline it."],
       ["Please segment the splenic tissue on this slice.", "Could you outline the spleen here?",
        "Is there splenomegaly? Segment the organ so I can see it."],
       ["The liver fills most of the patient's right upper quadrant.", "The stomach lies in front of it, to the patient's right."],
       "In most adults this organ is about 11 to 12 cm long", "organ"),
    _p("kidney", "CT", "abdomen", "LP", [(0.33, 0.66, 0.05, 0.07), (0.67, 0.66, 0.05, 0.07)],
       {"liver": (0.30, 0.40), "aorta": (0.52, 0.58)},
       ["Which paired organs on this CT filter the blood and make urine? Please segment them.",
        "A patient aged 60 has a rising creatinine. Which organs on this slice should I outline?"],
       ["Please segment both kidneys on this CT.", "Outline the renal parenchyma on each side, please.",
        "Which part of this slice is the nephric tissue? Segment it."],
       ["The right one usually sits a little lower than the left because of the liver above it.",
        "The aorta runs down in front of the spine between them."],
       "Adult organs of this kind are typically 10 to 12 cm long", "organs"),
    _p("l3 vertebra", "CT", "abdomen", "LP", [(0.50, 0.70, 0.065, 0.07)],
       {"aorta": (0.52, 0.57), "left kidney": (0.68, 0.63)},
       ["Which bony segment of the backbone at this abdominal level is the usual landmark for measuring muscle area in sarcopenia? Outline it.",
        "Which bony segment here carries the trunk's weight at this level? Please segment it."],
       ["Please segment the L3 body on this slice.", "Outline the third lumbar vertebra, please.",
        "Where is the lumbar vertebra L3 here? Segment it."],
       ["The psoas muscles lie on either side of it.", "The aorta sits just in front of the spine and slightly to the patient's left."],
       "In adults aged 60 bone density at this level often falls below 150 HU", "bone"),
    _p("urinary bladder", "CT", "pelvis", "LP", [(0.50, 0.38, 0.09, 0.07)],
       {"rectum": (0.50, 0.64), "left femoral head": (0.80, 0.52), "right femoral head": (0.20, 0.52)},
       ["Which hollow organ in this pelvis stores urine until it is passed? Please segment it.",
        "An older smoker has painless visible blood in the urine. Which pelvic organ should I outline on this slice?"],
       ["Please segment the bladder on this slice.", "Outline the vesical lumen, please.",
        "Can you mark the urinary bladder for me?"],
       ["The rectum lies behind it in the midline.", "The femoral heads sit in their sockets on each side of the pelvis."],
       "A normal adult capacity is around 400 to 600 mL", "organ"),
    _p("left gluteus maximus", "CT", "pelvis", "LP", [(0.72, 0.75, 0.12, 0.08)],
       {"sacrum": (0.50, 0.68), "urinary bladder": (0.50, 0.38)},
       ["Which muscle on this pelvic slice extends the hip when climbing stairs? Please segment it.",
        "An intramuscular injection of 5 mg is planned into the buttock. Which muscle on this slice is it? Outline it."],
       ["Please segment the left gluteus maximus.", "Outline the glute max on this slice.",
        "Where is the great gluteal muscle here? Segment it."],
       ["The sacrum sits in the midline behind the pelvic organs.", "The bladder lies at the front of the pelvis."],
       "It is the bulkiest muscle of the human body in most adults", "muscle"),
    _p("right lung", "CT", "thorax", "LP", [(0.27, 0.53, 0.15, 0.25)],
       {"heart": (0.56, 0.41), "trachea": (0.50, 0.34)},
       ["Which air-filled organ on this chest CT takes oxygen into the blood? Please segment it.",
        "A smoker has coughed up blood. Which breathing organ on this slice should I outline?"],
       ["Please segment the right lung.", "Outline the pulmonary parenchyma on this slice.",
        "Where is the lung field here? Segment it."],
       ["The heart bulges toward the patient's left.", "The left side has only two lobes because the heart takes up room."],
       "In healthy adults total lung capacity is roughly 6 litres", "organ"),
    _p("trachea", "CT", "thorax", "LP", [(0.50, 0.32, 0.035, 0.035)],
       {"esophagus": (0.52, 0.41), "aortic arch": (0.60, 0.45)},
       ["Which air tube on this chest slice carries air from the larynx to the bronchi? Please segment it.",
        "A child inhaled a peanut. Which airway on this slice, held open by cartilage rings, should I outline?"],
       ["Please segment the trachea.", "Outline the windpipe on this CT.", "Where is the tracheal lumen? Segment it."],
       ["The oesophagus runs behind it.", "The aortic arch curves over toward the patient's left."],
       "The adult lumen is about 2 cm across", "airway"),
    _p("heart", "CT", "thorax", "LP", [(0.585, 0.40, 0.16, 0.14)],
       {"descending aorta": (0.60, 0.66), "right lung": (0.25, 0.52), "spine": (0.50, 0.73)},
       ["Which muscular pump on this chest CT moves blood around the body? Please segment it.",
        "A patient has crushing chest pain spreading to the jaw. Which organ on this slice should I outline?"],
       ["Please segment the heart.", "Outline the cardiac silhouette on this slice.", "Where are the heart chambers? Segment them."],
       ["The right lung is the larger of the two lungs.", "The descending aorta runs down beside the spine."],
       "An adult organ weighs roughly 250 to 350 g", "organ"),
    _p("left scapula", "CT", "thorax", "LP", [(0.78, 0.78, 0.11, 0.05)],
       {"left lung": (0.72, 0.50), "spine": (0.50, 0.72)},
       ["Which flat triangular bone on this chest CT holds the socket of the shoulder joint? Please segment it.",
        "After a high-energy fall in 2021, which shoulder bone on this slice should I outline?"],
       ["Please segment the left scapula.", "Outline the shoulder blade here.", "Where is the scapular body? Segment it."],
       ["The spine sits in the midline at the back of the chest.", "The ribs curve around both lungs."],
       "Fractures of this bone account for only about 1% of all fractures", "bone"),
    _p("right femur", "CT", "lower limb", "LP", [(0.30, 0.50, 0.075, 0.075)],
       {"left femur": (0.70, 0.50)},
       ["Which long bone on this thigh CT carries body weight from the hip to the knee? Please segment it.",
        "An elderly woman aged 82 fell and her leg is shortened and turned out. Which bone should I outline here?"],
       ["Please segment the right femur.", "Outline the thigh bone on this slice.", "Where is the femoral shaft? Segment it."],
       ["The opposite thigh shows the same bone on the patient's left.", "The quadriceps muscles wrap around the front of the thigh."],
       "It is the longest bone in the body, about a quarter of a person's height", "bone"),
    _p("lateral ventricle", "MR", "head", "LP", [(0.41, 0.48, 0.035, 0.11), (0.59, 0.48, 0.035, 0.11)],
       {"fourth ventricle": (0.50, 0.72), "occipital pole": (0.50, 0.90)},
       ["Which fluid-filled C-shaped spaces inside the hemispheres on this brain MR hold cerebrospinal fluid? Please segment them.",
        "A child has a growing head and vomiting because the fluid cannot drain. Which fluid spaces on this slice should I outline?"],
       ["Please segment the lateral ventricles.", "Outline the lateral ventricle on each side.",
        "Where are the lateral ventricles? Segment them."],
       ["The third ventricle lies between the two thalami.", "The fourth ventricle sits in front of the cerebellum."],
       "In adults aged 60 or older these spaces slowly enlarge", "spaces"),
    _p("left hippocampus", "MR", "head", "LI", [(0.66, 0.60, 0.04, 0.025)],
       {"left lateral ventricle": (0.62, 0.42), "right hippocampus": (0.34, 0.60), "brainstem": (0.50, 0.72)},
       ["Which curved memory structure in the temporal lobe on this coronal MR is damaged early in Alzheimer's disease? Please segment it.",
        "A patient has seizures with a rising feeling in the stomach. Which memory structure on this slice should I outline?"],
       ["Please segment the left hippocampus.", "Outline the hippocampal formation on this slice.",
        "Where is Ammon's horn here? Segment it."],
       ["The brainstem lies in the midline below the thalami.", "The temporal horn of the ventricle curves above it."],
       "Its volume is about 3 to 4 mL in healthy adults", "structure"),
    _p("polyp", "endoscopy", "colon", None, "polyp", {},
       ["In this colonoscopy frame, which growth protrudes from the bowel lining into the lumen? Please segment it.",
        "A patient aged 55 had a positive stool blood test. What should I outline in this endoscopy picture?"],
       ["Please segment the polyp in this frame.", "Outline the adenoma here.", "Where is the colonic polyp? Segment it."],
       ["Most growths of this kind under 5 mm are benign.", "The ileocaecal valve sits on the patient's right in the abdomen."],
       "Screening from age 50 finds such growths in about a third of people", "growth"),
    _p("skin lesion", "dermoscopy", "skin", None, "skin", {},
       ["In this dermoscopy photo, which spot has a colour different from the surrounding skin? Please segment it.",
        "A patient says a spot on the back changed shape since 2019. What should I outline in this picture?"],
       ["Please segment the mole in this photo.", "Outline the pigmented lesion here.", "Where is the naevus? Segment it."],
       ["The ABCDE rule checks asymmetry, border, colour, diameter and evolution.", "A diameter over 6 mm is one warning sign."],
       "Most adults have 10 to 40 such spots", "spot"),
    _p("optic disc", "other", "eye", None, "disc", {},
       ["In this retinal photo, where do the nerve fibres and vessels leave the eye? Please segment that area.",
        "A patient with raised eye pressure is screened for glaucoma. Which bright oval spot in this fundus picture should I outline?"],
       ["Please segment the optic disc.", "Outline the optic nerve head here.", "Where is the papilla? Segment it."],
       ["The macula lies a little to the side of the centre of the retina.", "The vessels branch out in arcades above and below the centre."],
       "A normal cup-to-disc ratio is about 0.3", "area"),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    oriented = [p for p in profiles if p["orientation"]]
    if defect in ("laterality", "position"):
        pool = oriented + [p for p in oriented if p["target"] in ("kidney", "lateral ventricle")]
        return rng.choice(pool)
    pool = profiles + [p for p in profiles if p["target"] in ("kidney", "lateral ventricle", "polyp")]
    return rng.choice(pool)


def _ellipse(mask, cx, cy, rx, ry):
    yy, xx = np.mgrid[0:N, 0:N]
    mask |= ((xx - cx * (N - 1)) / (rx * N)) ** 2 + ((yy - cy * (N - 1)) / (ry * N)) ** 2 <= 1.0


def _vpos(rng):
    """A photo's vertical centre well inside the upper, central or lower band (never on a band's edge)."""
    return rng.choice([0.33, 0.5, 0.67]) + rng.uniform(-0.03, 0.03)


def _ask(q):
    """A first question that asks something, also when the profile phrased it as a request."""
    if "?" in q:
        return q
    for a, b in (("Please segment", "Could you segment"), ("Please outline", "Could you outline"), ("Outline", "Can you outline")):
        if q.startswith(a):
            return b + q[len(a):-1] + "?"
    return q[:-1] + ", please?"


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    m = np.zeros((N, N), bool)
    if p["blobs"] == "polyp":
        r = rng.uniform(0.075, 0.10)
        cx, cy = rng.uniform(0.35, 0.65), _vpos(rng)
        _ellipse(m, cx, cy, r, r * rng.uniform(0.8, 1.0))
        if rng.random() < 0.5:
            _ellipse(m, min(cx + 0.25, 0.9) if cx < 0.5 else max(cx - 0.25, 0.1), cy + rng.uniform(-0.02, 0.02), 0.05, 0.04)
    elif p["blobs"] == "skin":
        r = rng.uniform(0.2, 0.3)
        _ellipse(m, rng.uniform(0.4, 0.6), _vpos(rng), r, r * rng.uniform(0.75, 0.95))
    elif p["blobs"] == "disc":
        r = rng.uniform(0.035, 0.045)
        _ellipse(m, rng.choice([0.3, 0.7]) + rng.uniform(-0.03, 0.03), _vpos(rng), r, r * 1.1)
    else:
        dx, dy, s = rng.uniform(-0.012, 0.012), rng.uniform(-0.012, 0.012), rng.uniform(0.93, 1.07)
        for cx, cy, rx, ry in p["blobs"]:
            _ellipse(m, cx + dx, cy + dy, rx * s, ry * s)
    return compute_facts(m, p["orientation"], others=dict(p["others"]) or None).model_dump(mode="json")


# -- phrasing ---------------------------------------------------------------------------------------

SIDE = {"left": ["on the patient's left", "in the left half of the patient", "left-sided"],
        "right": ["on the patient's right", "in the right half of the patient", "right-sided"],
        "midline": ["in the midline", "centred on the midline", "right on the body's midline"],
        "bilateral": ["on both sides of the patient", "present on each side of the midline", "on the left and on the right alike"]}
WRONG_SIDE = {"left": "right", "right": "left", "bilateral": None, "midline": None}
VERT = {"anterior": ["in the anterior part of the slice", "toward the front of the body", "ventrally"],
        "posterior": ["in the posterior part of the slice", "toward the back of the body", "dorsally"],
        "superior": ["high in this coronal slice, toward the head", "superiorly in the slice"],
        "inferior": ["low in this coronal slice, toward the feet", "inferiorly in the slice"],
        "upper": ["in the upper half of the frame", "toward the top of the picture"],
        "lower": ["in the lower half of the frame", "toward the bottom of the picture"]}
CENTRAL = {"LP": "about midway between the front and the back", "LI": "at about mid-height of the slice",
           None: "near the middle of the frame from top to bottom"}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
         "upper": "lower", "lower": "upper"}
REL = {"left_of": ["to the patient's left of the {o}", "on the patient's left side of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the patient's right side of the {o}"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZEW = {"small": ["small", "a small structure", "quite small"], "medium": ["medium-sized", "of moderate size", "mid-sized"],
         "large": ["large", "a large structure", "big"]}
TRAPS = ["Right, so the outline follows the edge of the structure closely.",
         "All right, the contour is drawn on this single slice only.",
         "One thing to note: a single slice cannot show the whole structure.",
         "A small point: partial-volume blur softens the border a little.",
         "There is a large body of evidence that careful outlines make later measurements more reliable.",
         "If anything looks doubtful, a second opinion from a colleague is always reasonable.",
         "The image in front of you is one frame of a larger study.",
         "A few pixels left over at the fuzzy border were excluded on purpose.",
         "Guidelines updated in 2019 still recommend a short written impression (Figure 2 of that paper shows one).",
         "That's right: the mask is binary, one value inside and zero outside.",
         "Whether or not 5 mg of a sedative was given before the scan, the outline would be the same."]
CONV = {"LP": ["By radiological convention the patient's right appears on the viewer's left, and the front of the body at the top.",
               "Remember that this axial view is displayed as if looking up from the feet, so the patient's left is on the right of the screen."],
        "LI": ["On this coronal view the patient's left is on the right of the screen, and the head end is at the top.",
               "Coronal images are shown as if facing the patient, so the patient's right is on the viewer's left."],
        None: ["A photograph like this has no patient left or right, so only the frame's top and bottom are meaningful.",
               "There are no patient axes in this picture; 'upper' and 'lower' refer only to the frame."]}


def _pct(f):
    v = f * 100
    return f"{v:.1f}%" if v >= 1 else f"{v:.2f}%"


def claim(kind, p, f, rng, wrong=False):
    """One sentence stating a fact of the mask; `wrong` makes it plainly false. None when it has nothing to say."""
    o = p["orientation"]
    if kind == "side":
        lat = f["laterality"]
        if o is None or lat not in SIDE:
            return None
        if wrong:
            if lat == "bilateral":
                s = rng.choice(["only on the patient's left", "confined to the patient's right side"])
            elif lat == "midline":
                s = rng.choice(["on the patient's right, well off the midline", "clearly to the patient's left of the midline"])
            else:
                s = rng.choice(SIDE[WRONG_SIDE[lat]][:2])
        else:
            s = rng.choice(SIDE[lat])
        return rng.choice(["It lies {s}.", "The segmented region is {s}.", "What I outlined sits {s}.",
                           "It appears to lie {s}.", "The structure is found {s}."]).format(s=s)
    if kind == "vert":
        v = f["vertical"]
        if wrong:
            if v == "central" or v not in FLIPV:
                return None
            v = FLIPV[v]
        s = CENTRAL[o] if v == "central" else rng.choice(VERT[v])
        return rng.choice(["Its centre sits {s}.", "The mask is placed {s}.", "Along the image's vertical axis it sits {s}.",
                           "It probably sits {s}.", "You'll find it {s}."]).format(s=s)
    if kind == "rel":
        rels = f["relations"]
        if not rels:
            return None
        r = rng.choice(rels)
        kind_r = FLIPR[r["relation"]] if wrong else r["relation"]
        s = rng.choice(REL[kind_r]).format(o=r["other"])
        return rng.choice(["It lies {s}.", "The outlined region is {s}.", "On this image it sits {s}.", "It appears to sit {s}."]).format(s=s)
    if kind == "size":
        c, fr = f["size_class"], f["area_fraction"]
        if wrong:
            if c == "medium" or rng.random() < 0.4:
                bad = fr * 8 if (c != "large" and rng.random() < 0.5) or c == "small" else fr / 8
                return rng.choice(["It covers about {v} of the image.", "The mask takes up roughly {v} of the frame."]).format(v=_pct(bad))
            return rng.choice(["It is {w} for this image.", "Relative to the frame it is {w}."]).format(
                w=rng.choice(SIZEW["large" if c == "small" else "small"]))
        w, v = rng.choice(SIZEW[c]), _pct(fr)
        return rng.choice(["It is {w}, covering about {v} of the image.", "Size-wise it is {w} (roughly {v} of the frame).",
                           "The mask fills around {v} of the image, so {w}.",
                           "I'd call it {w}, at about {v} of the image area."]).format(w=w, v=v)
    if kind == "count":
        n = f["components"]
        if wrong:
            s = rng.choice(["two separate regions", "a pair of disconnected pieces"]) if n == 1 else \
                rng.choice(["a single connected region", "one continuous piece"])
        else:
            s = rng.choice(["a single connected region", "one continuous piece", "one contiguous area"]) if n == 1 else \
                rng.choice([f"{n} separate regions", f"{NUM[n]} disconnected pieces", f"{NUM[n]} islands that do not touch"])
        return rng.choice(["The mask is {s}.", "What I drew consists of {s}.", "In terms of regions: {s}.", "It shows up as {s}."]).format(s=s)
    raise ValueError(kind)


def negation(p, f, rng, skip=None):
    """A true negated sentence about the mask, on an attribute other than `skip` (the planted defect's)."""
    lat, n, c = f["laterality"], f["components"], f["size_class"]
    out = []
    if skip == "side":
        lat = None
    if p["orientation"] and lat in ("left", "right"):
        out.append(f"It is not on the patient's {WRONG_SIDE[lat]}.")
    if p["orientation"] and lat == "bilateral":
        out.append("It is not confined to one side.")
    if p["orientation"] and lat == "midline":
        out.append("It does not lean to either side.")
    if skip != "count":
        out.append("There is no second region anywhere in the frame." if n == 1 else "It is not one continuous piece.")
    if skip != "size":
        out.append({"small": "It is by no means a large structure here.", "large": "This is not a small structure on this image.",
                    "medium": "It is neither tiny nor huge here."}[c])
    return rng.choice(out)


def extras(p, rng, k=2):
    bits = [rng.choice(p["kb"]), f"{p['pop']} (population figure, not a measurement of this image).",
            rng.choice(CONV[p["orientation"]]), rng.choice(["Likely a normal appearance, though one slice is not enough to be sure.",
                                                            "It probably looks as expected for this patient's age."])]
    return rng.sample(bits, k) + rng.sample(TRAPS, 2)


# -- turns --------------------------------------------------------------------------------------------

CITES = ["(cf. Gray's Anatomy, 42nd ed.)", "(see Netter, Plate 2)", "(Radiopaedia, 2021)", "(cf. Figure 2 in the atlas)",
         "(ref. 3)"]


def first_answer(style, p, sents, rng):
    if style == "reasoning":
        return ("Reasoning: " + " ".join(sents[:-1]) + f"\nAnswer: the {p['noun']} you describe is outlined here {SEG}. "
                + sents[-1])
    if style == "report":
        rows = "\n".join(f"| {i + 1} | {s} |" for i, s in enumerate(sents[:3]))
        return ("FINDINGS:\n| # | Observation |\n|---|---|\n" + rows + "\n(The left-hand column of the table only numbers the rows.)\n"
                + " ".join(sents[3:]) + f"\nIMPRESSION: {p['noun'].capitalize()} segmented {SEG}.\n"
                "RECOMMENDATION: Correlate clinically; a second opinion is optional.")
    if style == "refined":
        out = [f"Segmentation: {SEG}."]
        for s in sents:
            out.append(s[:-1] + " " + rng.choice(CITES) + "." if rng.random() < 0.4 else s)
        return " ".join(out)
    opener = rng.choice(["Sure thing — here it is:", "Okay! Here you go:", "Right, so here is the outline:", "Well, here it is:"])
    mid = [rng.choice(["Right,", "Okay,", "Well,", "So,", "Exactly —", "Right, so", "All right,"]) + " " + s[0].lower() + s[1:]
           if rng.random() < 0.5 else s
           for s in sents]
    return f"{opener} {SEG} " + " ".join(mid) + rng.choice([" Hope that helps!", " Anything else?", " All right?"])


def follow_answer(style, sents, rng):
    body = " ".join(sents)
    if style == "reasoning":
        return f"Reasoning: back to your question, I re-read the mask. Answer: {body}"
    if style == "report":
        return f"ADDENDUM: {body}"
    if style == "refined":
        return body + " " + rng.choice(CITES[:3])
    return rng.choice(["Right, so", "Okay!", "Well,", "Sure thing —", "Exactly, and"]) + " " + body[0].lower() + body[1:]


QUESTIONS = {"side": ["Which side is it on?", "Is it on the patient's left or right?", "And the side, please?"],
             "vert": ["Where does it sit along the image's vertical axis?", "Where exactly is it on this image?", "Where in the frame is it?"],
             "rel": ["What does it border on this slice?", "How does it relate to its neighbours?"],
             "size": ["How big is it?", "Is it large compared with the whole image?", "What share of the picture does it fill?"],
             "count": ["Is it one piece or several?", "How many separate regions did you outline?"],
             "why": ["Why is that?", "Why does that matter clinically?", "Why would a clinician care about that?"]}


def user_defect(kind, p, f, rng):
    """A follow-up question that asserts one false fact."""
    if kind == "side":
        lat = f["laterality"]
        wrong = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]), "bilateral": rng.choice(["left", "right"])}[lat]
        s = "only on the patient's " + wrong if lat == "bilateral" else "on the patient's " + wrong
        return rng.choice([f"Since it is {s}, could that be a normal variant?", f"Why does it show up {s} here?"])
    if kind == "vert":
        v = f["vertical"]
        if v == "central" or v not in FLIPV:
            return None
        return rng.choice([f"Given it sits {VERT[FLIPV[v]][0]}, is that typical?", f"Why is it {VERT[FLIPV[v]][0]}?"])
    if kind == "rel":
        if not f["relations"]:
            return None
        r = rng.choice(f["relations"])
        s = REL[FLIPR[r["relation"]]][0].format(o=r["other"])
        return f"It lies {s}, doesn't it? Is that usual?"
    if kind == "size":
        w = "large" if f["size_class"] == "small" else "tiny" if f["size_class"] == "large" else None
        if w is None:
            return f"It covers about {_pct(f['area_fraction'] * 8)} of the image, so is that worrying?"
        return rng.choice([f"Why is it so {w} on this image?", f"Given how {w} it is here, should I worry?"])
    if kind == "count":
        s = "two separate blobs" if f["components"] == 1 else "one single connected piece"
        return f"Why did it come out as {s}?"
    raise ValueError(kind)


NEUTRAL = ["That is a fair question; the outline was drawn from the image itself, and if it looks odd a second opinion is reasonable.",
           "Good point to raise. One thing to note is that a single frame never tells the whole story, so correlate with the other images.",
           "Hard to say from one image alone; the clinical picture matters more than any single frame."]


def build(p, facts, style, rng, defect):
    o = p["orientation"]
    kinds_all = ["side", "vert", "rel", "size", "count"] if o else ["vert", "size", "count"]
    dkind = {"laterality": "side", "size": "size", "count": "count",
             "position": rng.choice([k for k in ("vert", "rel") if claim(k, p, facts, rng, wrong=True)] or ["rel"])}.get(defect)
    where = "first"
    if dkind:
        r = rng.random()
        where = "user" if r < 0.17 else "follow" if r < 0.42 else "first"
        if where == "user" and user_defect(dkind, p, facts, random.Random(0)) is None:
            where = "follow"
    # first question
    q = _ask(rng.choice(p["named"] if defect == "names_target" else p["q"]))
    turns = [{"role": "user", "content": q}]
    # first answer: the true claims (minus the one a later turn states), plus extras
    first = [k for k in rng.sample(kinds_all, min(len(kinds_all), rng.randint(2, 4))) if k != dkind or where == "first"]
    if dkind and where == "first" and dkind not in first:
        first.append(dkind)
    sents = []
    for k in first:
        s = claim(k, p, facts, rng, wrong=(k == dkind and where == "first"))
        if s:
            sents.append(s)
    sents.append(negation(p, facts, rng, skip=dkind))
    sents += extras(p, rng)
    lead, tail = sents[:len(first) + 1], sents[len(first) + 1:]
    rng.shuffle(tail)
    turns.append({"role": "assistant", "content": first_answer(style, p, lead + tail, rng)})
    # follow-ups
    rounds = rng.randint(2, 3) if where != "first" else rng.randint(1, 3)
    later = [k for k in kinds_all if k != dkind]
    rng.shuffle(later)
    slot = rng.randint(1, rounds - 1) if where != "first" else -1
    for r in range(1, rounds):
        if r == slot and where == "user":
            turns.append({"role": "user", "content": user_defect(dkind, p, facts, rng)})
            turns.append({"role": "assistant", "content": follow_answer(style, [rng.choice(NEUTRAL)], rng)})
            continue
        if r == slot:
            k, wrong = dkind, True
        else:
            k, wrong = (later.pop() if later else "why"), False
        if k == "why":
            turns.append({"role": "user", "content": rng.choice(QUESTIONS["why"])})
            turns.append({"role": "assistant", "content": follow_answer(style, [rng.choice(p["kb"]), rng.choice(TRAPS)], rng)})
            continue
        s = claim(k, p, facts, rng, wrong=wrong)
        assert s is not None or not wrong, (p["target"], k)
        if s is None:
            s, k = claim("size", p, facts, rng), "size"
        turns.append({"role": "user", "content": rng.choice(QUESTIONS[k])})
        turns.append({"role": "assistant", "content": follow_answer(style, [s, rng.choice(TRAPS)], rng)})
    return turns, [defect] if defect else []
