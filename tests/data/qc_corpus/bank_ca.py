"""Bank CA: a blind QC bank on new targets and modalities (helper qcca), written without opening the QC rules.

Targets: ultrasound (thyroid lobes, gallbladder and liver in an axial "LP" frame; a kidney on a probe view with
no patient axes), chest X-ray in a coronal "LI" frame (lungs, heart, clavicles), brain MR axial "LP" (lateral
ventricles, a glioma's whole tumour, thalami), and 2D photos without patient axes (colonoscopy polyp,
dermoscopy skin lesion, and a fundus optic disc, a label the knowledge base does not know). Facts are the
product's own measurement (`compute_facts`) of synthetic ellipse masks, redrawn away from every threshold.

Registers: a mobile health app's short chat bubbles, an LLM that states numeric confidence, numbered
step-by-step reasoning with bold headers, and a teacher grading a student's chain of thought (a student's
wrong step is marked wrong and corrected; in a defect row the planted claim is either the teacher's own or a
student step the teacher lets through).

Every row's planted and true claims are logged in `LOG` (one entry per `build` call) for the writer's own
self-check (/work/notes/qcca_scripts/selfcheck.py); QC never sees it.

Writer's self-check (own lexical reader of the prose against the measured facts, plus the claim log): 420 rows,
210 clean, 42 of each defect kind; every defect row carries exactly one false claim of its kind (37 of the 168
side/position/size/count defects sit in a user turn); no clean row holds a false claim or names its target in
the first question. First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["app", "confidence", "steps", "teacher"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
LOG: list[dict] = []
W = H = 256


def _pair(dx, y, rx, ry):
    return [(0.5 - dx, y, rx, ry), (0.5 + dx, y, rx, ry)]


def _tumour(rng):
    side = rng.choice([-1, 1])
    cx, cy = 0.5 + side * rng.uniform(0.15, 0.26), rng.choice([rng.uniform(0.3, 0.38), rng.uniform(0.62, 0.7)])
    r = rng.uniform(0.045, 0.12)
    out = [(cx, cy, r, r * rng.uniform(0.8, 1.2))]
    if rng.random() < 0.35:
        out.append((cx + side * 0.02, cy + (0.2 if cy < 0.5 else -0.2), 0.025, 0.025))
    return out


def _blobs(rng, n_choices, rmin, rmax):
    n = rng.choice(n_choices)
    spots = [(0.27, 0.3), (0.7, 0.68), (0.3, 0.72), (0.72, 0.28)][:n]
    rng.shuffle(spots)
    return [(x + rng.uniform(-0.03, 0.03), y + rng.uniform(-0.03, 0.03), r, r * rng.uniform(0.75, 1.1))
            for (x, y), r in zip(spots, [rng.uniform(rmin, rmax)] + [rng.uniform(0.03, 0.06)] * 3)]


def _ventricles(rng):
    parts = _pair(0.09, 0.47, 0.04, 0.11)
    return parts + [(0.5, 0.47, 0.11, 0.025)] if rng.random() < 0.4 else parts  # a joined butterfly: midline


US_AX = dict(mod="US", region="neck", orient="LP", modword=["ultrasound", "transverse ultrasound image", "neck sonogram"])
CXR = dict(mod="XR", region="thorax", orient="LI", modword=["chest X-ray", "PA chest radiograph", "chest film"])
MRI = dict(mod="MR", region="head", orient="LP", modword=["brain MRI", "axial brain MR slice", "head MRI"])
THY_KB = ["The trachea runs down the midline just behind the isthmus.",
          "The common carotid arteries lie deeper and lateral on each side.",
          "The oesophagus usually sits slightly to the patient's left, behind the trachea."]
THY_POP = ["Thyroid nodules are found on ultrasound in up to half of adults over sixty.",
           "An adult lobe is typically 4 to 6 cm long and under 2 cm thick."]
LUNG_KB = ["The heart shadow sits low in the chest near the midline.",
           "The right hemidiaphragm is usually a little higher than the left because of the liver beneath it.",
           "The trachea runs down the midline above the carina."]
LUNG_POP = ["A normal cardiothoracic ratio on a PA film is under 50%.",
            "An adult at rest takes about 12 to 20 breaths a minute."]
BRAIN_KB = ["The septum pellucidum separates the two frontal horns in the midline.",
            "The third ventricle is a thin midline slit between the thalami.",
            "The fourth ventricle lies far behind, in front of the cerebellum."]
BRAIN_POP = ["Gliomas make up roughly a quarter of all primary brain tumours in adults.",
             "The adult brain holds about 150 ml of cerebrospinal fluid in total."]
PHOTO_KB = {"polyp": ["The surrounding mucosa looks pink and smooth.",
                      "Haustral folds are the ring-like ridges of the colon wall."],
            "skin lesion": ["The surrounding skin looks normal with fine creases.",
                            "Benign naevi are usually symmetric with an even colour."],
            "optic disc": ["The macula is the darker spot toward the other side of the photo.",
                           "The retinal arteries are thinner and brighter than the veins."],
            "kidney": ["The liver often acts as the acoustic window above it.",
                       "The renal sinus fat appears bright in the centre of such organs."]}
PHOTO_POP = {"polyp": ["Adenomas are found in about a third of screening colonoscopies over age fifty."],
             "skin lesion": ["Most adults have between 10 and 40 benign naevi."],
             "optic disc": ["A cup-to-disc ratio under 0.5 is usual in healthy eyes."],
             "kidney": ["An adult one measures about 10 to 12 cm in length."]}

PROFILES = [
    dict(target="left thyroid lobe", **US_AX, noun="structure", names=["left thyroid lobe", "left lobe of the thyroid"],
         give=["the left thyroid lobe", "the thyroid", "the left lobe of the thyroid gland"],
         fn=["makes the hormones that set the body's metabolic rate", "stores iodine to make metabolic hormones"],
         hint="in someone with a neck lump that moves on swallowing", half="side of the neck",
         shapes=lambda r: [(0.7, 0.35, 0.07, 0.09)],
         others={"trachea": (0.5, 0.33), "left common carotid artery": (0.86, 0.52)}, kb=THY_KB, pop=THY_POP),
    dict(target="right thyroid lobe", **US_AX, noun="structure", names=["right thyroid lobe", "right lobe of the thyroid"],
         give=["the right thyroid lobe", "the thyroid", "the right lobe of the thyroid"],
         fn=["makes the hormones that set the body's metabolic rate", "stores iodine to make metabolic hormones"],
         hint="in someone with palpitations and weight loss", half="side of the neck",
         shapes=lambda r: [(0.3, 0.35, 0.07, 0.09)],
         others={"trachea": (0.5, 0.33), "right common carotid artery": (0.14, 0.52)}, kb=THY_KB, pop=THY_POP),
    dict(target="gallbladder", mod="US", region="abdomen", orient="LP",
         modword=["abdominal ultrasound", "right upper quadrant ultrasound", "transverse sonogram"], noun="organ",
         names=["gallbladder"], give=["the gallbladder", "the gall bladder", "the cholecyst"],
         fn=["stores and concentrates bile between meals", "squeezes bile into the gut after a fatty meal"],
         hint="in someone with pain under the right ribs after fatty food", half="upper abdomen",
         shapes=lambda r: [(0.38, 0.38, 0.09, 0.05)], others={"liver": (0.4, 0.16), "right kidney": (0.3, 0.75)},
         kb=["The liver wraps around it from above.", "The duodenum lies just medial to its neck.",
             "The right kidney sits deeper, toward the back."],
         pop=["Gallstones affect roughly 10 to 15% of adults in Western countries.",
              "A normal wall is under 3 mm thick."]),
    dict(target="liver", mod="US", region="abdomen", orient="LP",
         modword=["abdominal ultrasound", "transverse upper abdominal sonogram", "ultrasound of the belly"],
         noun="organ", names=["liver"], give=["the liver", "the hepatic parenchyma", "the liver tissue"],
         fn=["makes bile, stores glycogen and clears toxins from the blood", "builds most blood-clotting proteins"],
         hint="in someone with yellowing of the eyes", half="upper abdomen",
         shapes=lambda r: [(0.35, 0.37, 0.22, 0.2)], others={"gallbladder": (0.45, 0.62), "right kidney": (0.3, 0.82)},
         kb=["The spleen sits on the opposite side, high in the left upper quadrant.",
             "The gallbladder hangs beneath its lower surface.", "The inferior vena cava runs behind it."],
         pop=["Fatty infiltration is seen in about a quarter of adults on ultrasound.",
              "Its span in the midclavicular line is normally under 16 cm."]),
    dict(target="kidney", mod="US", region="abdomen", orient=None,
         modword=["flank ultrasound", "longitudinal flank sonogram", "ultrasound image"], noun="organ",
         names=["kidney"], give=["the kidney", "the renal outline", "the kidneys"],
         fn=["filters the blood and makes urine", "keeps salt and water balanced by making urine"],
         hint="in someone with flank pain and blood in the urine", half="flank",
         shapes=lambda r: [(0.5 + r.uniform(-0.08, 0.08), 0.55, 0.25, 0.13)], others={},
         kb=PHOTO_KB["kidney"], pop=PHOTO_POP["kidney"]),
    dict(target="right lung", **CXR, noun="organ", names=["right lung", "right lung field"],
         give=["the right lung", "the right lung field", "the pulmonary field on the right"],
         fn=["exchanges oxygen and carbon dioxide on the patient's right", "fills most of one hemithorax with air"],
         hint="in someone short of breath with a cough", half="hemithorax",
         shapes=lambda r: [(0.3, 0.4, 0.14, 0.24)], others={"heart": (0.54, 0.64), "trachea": (0.5, 0.12)},
         kb=LUNG_KB, pop=LUNG_POP),
    dict(target="left lung", **CXR, noun="organ", names=["left lung", "left lung field"],
         give=["the left lung", "the left lung field", "the lungs"],
         fn=["exchanges oxygen and carbon dioxide beside the heart", "fills most of one hemithorax with air"],
         hint="in someone with pleuritic chest pain", half="hemithorax",
         shapes=lambda r: [(0.7, 0.4, 0.14, 0.24)], others={"heart": (0.54, 0.64), "trachea": (0.5, 0.12)},
         kb=LUNG_KB, pop=LUNG_POP),
    dict(target="lung", plural=True, **CXR, noun="organs", names=["lungs", "two lung fields"],
         give=["the lungs", "both lung fields", "the pulmonary parenchyma"],
         fn=["exchange oxygen and carbon dioxide with the blood", "fill most of the chest with air"],
         hint="in someone with a chronic smoker's cough", half="hemithorax",
         shapes=lambda r: _pair(0.2, 0.4, 0.14, 0.24), others={"heart": (0.5, 0.64)}, kb=LUNG_KB, pop=LUNG_POP),
    dict(target="heart", **CXR, noun="organ", names=["heart", "cardiac silhouette"],
         give=["the heart", "the cardiac silhouette", "the cardiac shadow"],
         fn=["pumps blood through the lungs and the body", "pushes blood around the body with each beat"],
         hint="in someone with ankle swelling and breathlessness", half="hemithorax",
         shapes=lambda r: [(0.53, 0.64, 0.16, 0.12)], others={"right lung": (0.3, 0.4), "left lung": (0.7, 0.4)},
         kb=["The lungs lie on either side of it and above it.", LUNG_KB[1],
             "The aortic knuckle projects to the patient's left above it."], pop=LUNG_POP),
    dict(target="clavicle", plural=True, **CXR, noun="bones", names=["clavicles", "two clavicles"],
         give=["the clavicles", "the collarbones", "both clavicular shafts"],
         fn=["brace the shoulders away from the chest wall", "link the breastbone to the shoulder blades"],
         hint="after a fall onto an outstretched hand", half="upper chest",
         shapes=lambda r: _pair(0.18, 0.17, 0.13, 0.022), others={"heart": (0.5, 0.64)},
         kb=["The first ribs curve just below them.", "The heart shadow sits far lower, near the diaphragm."],
         pop=["Fractures of these bones make up about 5% of adult fractures.",
              "The adult bone is roughly 15 cm long."]),
    dict(target="left clavicle", **CXR, noun="bone", names=["left clavicle", "left collarbone"],
         give=["the left clavicle", "the left collarbone", "the clavicle"],
         fn=["links the breastbone to the shoulder blade", "braces one shoulder away from the chest wall"],
         hint="after a fall onto the shoulder", half="upper chest",
         shapes=lambda r: [(0.68, 0.17, 0.13, 0.022)], others={"heart": (0.53, 0.64), "trachea": (0.5, 0.2)},
         kb=["The first rib curves just below it.", "The trachea runs down the midline between the two sides."],
         pop=["Fractures of this bone make up about 5% of adult fractures.",
              "Most such fractures occur in the middle third of the shaft."]),
    dict(target="lateral ventricle", plural=True, **MRI, noun="fluid-filled cavities", names=["lateral ventricles"],
         give=["the lateral ventricles", "the lateral ventricle", "both lateral ventricles"],
         fn=["hold cerebrospinal fluid deep inside the hemispheres", "make and hold the fluid that cushions the brain"],
         hint="in a child with a growing head and morning vomiting", half="hemisphere",
         shapes=_ventricles, others={"fourth ventricle": (0.5, 0.8)}, kb=BRAIN_KB, pop=BRAIN_POP),
    dict(target="left lateral ventricle", **MRI, noun="fluid-filled cavity", names=["left lateral ventricle"],
         give=["the left lateral ventricle", "the lateral ventricle on the left", "the left-sided lateral ventricle"],
         fn=["holds cerebrospinal fluid inside one hemisphere", "drains fluid toward the midline through a foramen"],
         hint="in a patient with headaches and a shunt", half="hemisphere",
         shapes=lambda r: [(0.59, 0.47, 0.04, 0.11)],
         others={"right lateral ventricle": (0.41, 0.47), "fourth ventricle": (0.5, 0.8)}, kb=BRAIN_KB, pop=BRAIN_POP),
    dict(target="whole tumour", **MRI, noun="abnormal region", names=["whole tumour", "tumour with its oedema"],
         give=["the tumour", "the glioma", "the whole tumor"],
         fn=["explains the new seizures, bright signal and swelling included", "shows abnormal bright signal with swelling"],
         hint="in a patient with new seizures and headaches", half="hemisphere",
         shapes=_tumour, others={"third ventricle": (0.5, 0.5)}, kb=BRAIN_KB, pop=BRAIN_POP),
    dict(target="thalamus", plural=True, **MRI, noun="deep grey-matter nuclei", names=["thalami", "two thalami"],
         give=["the thalami", "the thalamus", "both thalamic nuclei"],
         fn=["relay sensory signals up to the cortex", "act as the relay stations for sensation"],
         hint="in someone with numbness of one half of the body", half="hemisphere",
         shapes=lambda r: _pair(0.1, 0.6, 0.04, 0.06), others={"fourth ventricle": (0.5, 0.8)},
         kb=BRAIN_KB, pop=BRAIN_POP),
    dict(target="right thalamus", **MRI, noun="deep grey-matter nucleus", names=["right thalamus"],
         give=["the right thalamus", "the thalamus", "the right thalamic nucleus"],
         fn=["relays sensation from the opposite half of the body to the cortex", "relays sensory signals upward"],
         hint="in someone with numbness of the left arm and leg", half="hemisphere",
         shapes=lambda r: [(0.4, 0.6, 0.04, 0.06)], others={"left thalamus": (0.6, 0.6), "fourth ventricle": (0.5, 0.8)},
         kb=BRAIN_KB, pop=BRAIN_POP),
    dict(target="polyp", mod="endoscopy", region="colon", orient=None,
         modword=["colonoscopy frame", "endoscopy image", "colonoscopy still"], noun="growth",
         names=["polyp"], give=["the polyp", "the polyps", "the adenoma"],
         fn=["projects from the inner bowel wall and may need removing", "bulges into the bowel lumen"],
         hint="in someone sent for screening after a positive stool test", half="frame",
         shapes=lambda r: _blobs(r, [1, 1, 2, 3], 0.06, 0.2), others={}, kb=PHOTO_KB["polyp"], pop=PHOTO_POP["polyp"]),
    dict(target="skin lesion", mod="dermoscopy", region="skin", orient=None,
         modword=["dermoscopy image", "dermatoscope photo", "close-up skin photo"], noun="pigmented spot",
         names=["skin lesion", "pigmented lesion"], give=["the mole", "the skin lesion", "the melanoma"],
         fn=["has changed colour and shape over recent months", "looks darker and more irregular than its neighbours"],
         hint="on the back of a fair-skinned patient", half="frame",
         shapes=lambda r: _blobs(r, [1, 1, 2], 0.08, 0.28), others={}, kb=PHOTO_KB["skin lesion"],
         pop=PHOTO_POP["skin lesion"]),
    dict(target="optic disc", mod="other", region="eye", orient=None,
         modword=["fundus photo", "retinal photograph", "fundus image"], noun="bright round area",
         names=["optic disc", "optic nerve head"], give=["the optic disc", "the optic nerve head", "the optic disk"],
         fn=["is where the nerve fibres leave the eye and the vessels enter", "is the pale spot the retinal vessels fan out from"],
         hint="during a glaucoma check", half="frame",
         shapes=lambda r: [(r.choice([0.3, 0.7]), 0.5, r.uniform(0.05, 0.09), r.uniform(0.05, 0.09))], others={},
         kb=PHOTO_KB["optic disc"], pop=PHOTO_POP["optic disc"]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Side and position defects need patient axes; bilateral, midline and multi-region masks weigh more."""
    pool = [p for p in profiles if p["orient"] or defect not in ("laterality", "position")]
    heavy = {"lung", "clavicle", "lateral ventricle", "thalamus", "heart", "whole tumour", "polyp"}
    return rng.choices(pool, weights=[1.6 if p["target"] in heavy else 1.0 for p in pool])[0]


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own facts of a synthetic mask, redrawn until no fact sits near a threshold."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    for _ in range(400):
        s, jx, jy = rng.uniform(0.55, 1.35), rng.uniform(-0.015, 0.015), rng.uniform(-0.015, 0.015)
        mask = np.zeros((H, W), bool)
        for cx, cy, rx, ry in p["shapes"](rng):
            mask |= ((xx - (cx + jx) * W) / (rx * s * W)) ** 2 + ((yy - (cy + jy) * H) / (ry * s * H)) ** 2 <= 1
        f = compute_facts(mask, p["orient"], dict(p["others"]))
        a, (ox, oy) = f.area_fraction, f.centroid_patient
        if 0.0075 < a < 0.0135 or 0.038 < a < 0.066 or not 0.002 < a < 0.6:
            continue
        if p["orient"] and (0.035 < abs(oy) < 0.09 or (f.laterality in ("left", "right") and abs(ox) < 0.09)
                            or (f.laterality == "midline" and abs(ox) > 0.035)):
            continue
        return f.model_dump(mode="json")
    raise RuntimeError(f"no clear mask for {p['target']}")


# -- facts as clauses ("it lies ...", lower case, no full stop) ------------------------------------------

REL = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
CLS = {"small": ["small", "fairly small", "compact"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
       "large": ["large", "big", "quite large"]}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}


def side_clause(v: str, p: dict, rng, app=False) -> str:
    if v in ("left", "right"):
        you = [f"it's on your {v} side"] if app else []
        return rng.choice(you + [f"it lies on the patient's {v}", f"it is on the {v} side of the patient",
                                 f"it is {v}-sided", f"it sits in the {v} {p['half']}"])
    if v == "midline":
        return rng.choice(["it sits in the midline", "it is centred on the midline rather than off to one side",
                           "it straddles the midline, roughly equally on both sides"])
    if v.startswith("only-"):
        s = v[5:]
        return rng.choice([f"it is only on the patient's {s}", f"it is confined to the {s} side",
                           f"it is one-sided, on the patient's {s}"])
    return rng.choice(["it is bilateral, with one part on each side of the midline",
                       "it is present on both the patient's left and right", "both sides are involved"])


def vert_clause(v: str, p: dict, rng) -> str:
    lp = p["orient"] == "LP"
    if v == "central":
        return rng.choice(["front to back it sits roughly in the middle", "it is central along the front-back axis"]
                          if lp else ["from top to bottom it sits at about mid-height",
                                      "it is central between apex and base"])
    words = {"anterior": ["it lies toward the front (anteriorly)", "it sits in the anterior part of the image",
                          "it is anteriorly placed"],
             "posterior": ["it lies toward the back (posteriorly)", "it sits in the posterior part of the image",
                           "it is posteriorly placed"],
             "superior": ["it lies high in the chest, toward the head (superiorly)", "it is superiorly placed",
                          "it sits in the upper part of the chest"],
             "inferior": ["it lies low, toward the feet (inferiorly)", "it is inferiorly placed",
                          "it sits in the lower part of the chest"]}
    return rng.choice(words[v])


def rel_clause(v: tuple, rng) -> str:
    other, rel = v
    return rng.choice([f"it lies {rng.choice(REL[rel])} the {other}", f"it is positioned {rng.choice(REL[rel])} the {other}"])


def pct(v: float, rng) -> str:
    return rng.choice([f"{v:.1f}%", f"about {v:.1f}%", f"roughly {v:.1f} percent", f"{v:.1f} per cent"])


def size_clause(v: tuple, rng) -> str:
    cls, p = v
    where = rng.choice(["of the image", "of the frame", "of the field of view", "of the picture"])
    if p is None:
        return rng.choice([f"it is {rng.choice(CLS[cls])}", f"size-wise it is {CLS[cls][0]}"])
    if cls is None:
        return rng.choice([f"it covers {pct(p, rng)} {where}", f"the outline takes up {pct(p, rng)} {where}"])
    return rng.choice([f"it is {rng.choice(CLS[cls])}, covering {pct(p, rng)} {where}",
                       f"the outline takes up {pct(p, rng)} {where}, so it is {rng.choice(CLS[cls])}"])


def count_clause(n: int, rng) -> str:
    if n == 1:
        return rng.choice(["it is a single connected region", "it forms one continuous piece",
                           "the mask is one contiguous area"])
    return rng.choice([f"it is made of {NUM[n]} separate regions", f"the mask splits into {NUM[n]} distinct pieces",
                       f"there are {NUM[n]} disconnected parts"])


def clause(slot, v, p, rng, app=False) -> str:
    return {"side": lambda: side_clause(v, p, rng, app), "vert": lambda: vert_clause(v, p, rng),
            "rel": lambda: rel_clause(v, rng), "size": lambda: size_clause(v, rng),
            "count": lambda: count_clause(v, rng)}[slot]()


def sent(c: str) -> str:
    return c[0].upper() + c[1:] + "."


PLURAL = [("it is ", "they are "), ("it lies ", "they lie "), ("it sits ", "they sit "), ("it forms ", "they form "),
          ("it straddles ", "they straddle "), ("it covers ", "they cover "), ("it's ", "they're ")]


def number(c: str, p: dict) -> str:
    """A clause about a plural target ('lungs', 'clavicles') in the plural."""
    if not p.get("plural"):
        return c
    for a, b in PLURAL:
        c = c.replace(a, b).replace(a.capitalize(), b.capitalize())
    return c


def strong_rels(p: dict, f: dict) -> list[tuple]:
    """Relations whose centroids differ by more than 0.1 of the image on that axis (never borderline)."""
    cx, cy = f["centroid_normalized"]
    out = []
    for r in f["relations"]:
        ox, oy = p["others"][r["other"]]
        d = abs(cx - ox) if r["relation"] in ("left_of", "right_of") else abs(cy - oy)
        if d > 0.1:
            out.append((r["other"], r["relation"]))
    return out


def truths(p: dict, f: dict, rng) -> dict:
    t = {"size": (f["size_class"], round(f["area_fraction"] * 100, 1) if rng.random() < 0.6 else None),
         "count": f["components"]}
    if p["orient"]:
        t["side"], t["vert"] = f["laterality"], f["vertical"]
        rels = strong_rels(p, f)
        if rels:
            t["rel"] = rng.choice(rels)
    return t


def falsify(slot, t, f, p, rng):
    v = t[slot]
    if slot == "side":
        if v in ("left", "right"):
            return OPP[v] if rng.random() < 0.85 else "bilateral"
        if v == "midline":
            return rng.choice(["left", "right"])
        return "only-" + rng.choice(["left", "right"])
    if slot == "vert":
        if v == "central":
            return rng.choice(["anterior", "posterior"] if p["orient"] == "LP" else ["superior", "inferior"])
        return OPP[v]
    if slot == "rel":
        return (v[0], FLIP[v[1]])
    if slot == "size":
        a = f["area_fraction"] * 100
        cls = {"small": "large", "large": "small"}.get(f["size_class"], "small" if a > 2.5 else "large")
        bad = round(a * rng.uniform(9, 14), 1) if cls == "large" else round(a / rng.uniform(9, 14), 1)
        return rng.choice([(cls, None), (cls, bad), (None, bad)]) if a * 10 < 90 or cls == "small" else (cls, None)
    n = f["components"]
    return 2 if n == 1 else (1 if rng.random() < 0.7 else n + 1)


NEG = {"side": lambda v: {"left": "it is not on the right side", "right": "it is not on the left side",
                          "midline": "it is not off to one side", "bilateral": "it is not limited to one side"}[v],
       "count": lambda n: "there is no second focus" if n == 1 else "it is not one single piece",
       "size": lambda v: {"small": "it is not large", "large": "it is by no means small",
                          "medium": "it is neither tiny nor very large"}[v[0]]}
CONV = ["On this display the patient's left is shown on the right of the screen, as if you were facing them.",
        "Remember the usual convention: image right is patient left.",
        "Images like this are viewed as though facing the patient, so the sides are mirrored on screen."]
NOSIDE = "An image like this carries no patient left or right, so I won't assign a side."
QS = {"side": ["Which side is it on?", "Left or right?", "Is it on one side only?", "What side of the body is that?"],
      "vert": ["Is it toward the front or the back?", "Where exactly does it sit?", "High or low, then?"],
      "rel": ["How does it relate to the {o}?", "Where is it compared with the {o}?"],
      "size": ["How big is it?", "Is it large?", "How much of the image does it cover?"],
      "count": ["Is it one piece?", "How many separate parts are there?", "Is there more than one?"]}
WHY = ["Why is that so?", "Why does that matter?", "Could you explain why, briefly?"]
NONCOMMIT = ["Good question. The outline alone can't answer that; the clinical picture and a specialist review matter more.",
             "That's best discussed with the doctor who ordered the study; the segmentation only shows where it is.",
             "Symptoms and image findings don't always line up, so I'd raise this at your follow-up appointment."]


def presup(slot, v, p, rng) -> str:
    """A user turn that takes `v` for granted (true in clean rows, the planted claim in defect rows)."""
    if slot == "side":
        if v.startswith("only-"):
            return f"Why is only the {v[5:]} side marked?"
        if v == "bilateral":
            return "Why are both sides involved here?"
        if v == "midline":
            return "Since it sits right in the midline, is it pressing on anything?"
        return rng.choice([f"Since it's on the patient's {v} side, could that explain the {v}-sided discomfort?",
                           f"Why would it be on the {v}, then?"])
    if slot == "vert":
        word = {"anterior": "front", "posterior": "back", "superior": "top of the chest",
                "inferior": "bottom of the chest", "central": "middle"}[v]
        return f"Why does it sit so far toward the {word}?" if v != "central" else "Is it normal that it sits in the middle?"
    if slot == "rel":
        return f"Given that it lies {REL[v[1]][0]} the {v[0]}, could it press on it?"
    if slot == "size":
        cls, pc = v
        if pc is not None:
            return f"Why does it take up as much as {pc:.1f}% of the picture?"
        return {"large": "Should I be worried that it's that big?", "small": "Why is it so small?",
                "medium": "Is a medium size like this typical?"}[cls]
    return f"Why is it split into {NUM[v]} separate pieces?" if v > 1 else "Why is it only one connected piece?"


HEAD = {"side": ["Side", "Laterality", "Which side"], "vert": ["Position", "Where along the axis"],
        "rel": ["Neighbours", "Relations"], "size": ["Size", "How big"], "count": ["Count", "Number of regions"]}
WHY_WRONG = {"side": "on screen the patient's left is displayed on the right, so read the side from the patient",
             "vert": "check which edge of the image faces the front or the head before naming a direction",
             "rel": "you swapped the two structures; compare their centres along that axis",
             "size": "measure against the whole image, not the zoomed area you were looking at",
             "count": "look again at the gaps: count only pieces that do not touch"}


class _Conv:
    """One conversation being written: truths, the planted lie, and the log of every fact claim."""

    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.t = truths(p, f, rng)
        self.slots = [s for s in ("side", "vert", "rel", "size", "count") if s in self.t]
        self.kslot = {"laterality": "side", "size": "size", "count": "count",
                      "position": "rel" if "rel" in self.t and rng.random() < 0.4 else "vert"}.get(defect)
        r = rng.random()
        self.place = None if not self.kslot else "user" if r < 0.24 else "follow" if r < 0.5 else "first"
        self.lie = falsify(self.kslot, self.t, f, p, rng) if self.kslot else None
        self.log = []
        self.name = rng.choice(p["names"])

    def say(self, slot, false=False, where="assistant", status="asserted"):
        v = self.lie if false else self.t[slot]
        c = clause(slot, v, self.p, self.rng, app=self.style == "app" and not false and where == "assistant")
        c = number(c, self.p) if where == "assistant" else c
        self.log.append({"slot": slot, "value": str(v), "false": false, "where": where, "status": status, "text": c})
        return c

    def trap(self, avoid=()):
        """One true sentence a checker may misread: negation, convention, another structure, a population number
        (a sentence already used in this conversation is drawn again, a few times)."""
        used = self.__dict__.setdefault("used", set())
        for _ in range(6):
            t = self._trap(avoid)
            if t not in used:
                break
        used.add(t)
        return t

    def _trap(self, avoid):
        rng, p = self.rng, self.p
        kinds = ["kb", "pop"] + (["conv"] if p["orient"] else ["noside"])
        kinds += [k for k in ("side", "count", "size") if k in self.t and k != self.kslot and k not in avoid]
        k = rng.choice(kinds)
        if k in NEG:
            return sent(number(NEG[k](self.t[k]), p))
        return {"kb": lambda: rng.choice(p["kb"]), "pop": lambda: rng.choice(p["pop"]),
                "conv": lambda: rng.choice(CONV), "noside": lambda: NOSIDE}[k]()

    def rel_names_target(self) -> bool:
        """A relation to the target's partner ('left thalamus' for the right one) would name it in a first turn."""
        return "rel" in self.t and self.p["target"].split()[-1] in self.t["rel"][0]

    def conf(self):
        return self.rng.choice([70, 75, 80, 85, 90, 95])

    def wrap(self, c):
        """A claim in the register's voice."""
        rng = self.rng
        if self.style == "confidence" and rng.random() < 0.75:
            n = self.conf()
            return rng.choice([f"I'm roughly {n}% sure that {c}.", f"{sent(c)[:-1]} (confidence about {n}%).",
                               f"With maybe {n}% confidence, {c}.", f"{sent(c)[:-1]}; I'd put that at {n}%."])
        return sent(c)

    # -- the first question --------------------------------------------------------------------------
    def question(self, steps_text=""):
        p, rng = self.p, self.rng
        mod, fn, hint, noun = rng.choice(p["modword"]), rng.choice(p["fn"]), p["hint"], p["noun"]
        g = rng.choice(p["give"])
        named = self.defect == "names_target"
        it = "them" if p.get("plural") else "it"
        if self.style == "app":
            opts = ([f"Hi! Can you mark {g} on my {mod}?", f"Where is {g} on this {mod}? Please highlight it.",
                     f"Quick one: can you show me {g} here, {hint}?"] if named else
                    [f"Hi! On my {mod}, which {noun} {fn}? Can you mark {it}?",
                     f"Quick one: can you show me the {noun} here that {fn}?",
                     f"This is my {mod}, taken {hint}. Which {noun} here {fn}?"])
        elif self.style == "confidence":
            opts = ([f"Can you segment {g} on this {mod} and tell me how confident you are?",
                     f"On this {mod}, taken {hint}, where is {g}? Segment it and give a confidence level, please."]
                    if named else
                    [f"Which {noun} on this {mod} {fn}? Please segment it and tell me how confident you are.",
                     f"On this {mod}, taken {hint}, which {noun} {fn}? Segment it and give a confidence level."])
        elif self.style == "steps":
            opts = ([f"Walk me through it step by step: where is {g} on this {mod}? Segment it.",
                     f"Can you reason step by step and outline {g} on this {mod}, taken {hint}?"] if named else
                    [f"Walk me through it step by step: which {noun} on this {mod} {fn}? Segment it.",
                     f"Reason step by step. On this {mod}, taken {hint}, which {noun} {fn}? Please outline it."])
        else:
            task = f"find {g} on this {mod}" if named else f"say which {noun} on this {mod} {fn}"
            opts = [f"Please grade my reasoning. The worksheet asks me to {task}. My steps: {steps_text} "
                    "Can you check each step and segment the answer?",
                    f"Teacher, is my chain of thought right? Task: {task}. {steps_text} Please mark each step "
                    "and show the segmentation."]
        return rng.choice(opts)

    # -- answers -------------------------------------------------------------------------------------
    def first_answer(self, slots, false_slot):
        p, rng = self.p, self.rng
        seg = rng.choice([f"Here it is: {SEG}", f"{SEG}", f"Segmentation: {SEG}"])
        these, are = ("These", "are") if p.get("plural") else ("This", "is")
        ident = rng.choice([f"{these} {are} most likely the {self.name}.", f"{these} {are} the {self.name}.",
                            f"{these} {are} probably the {self.name}."])
        cs = [self.say(s, false=s == false_slot) for s in slots]
        if self.style == "app":
            verb = "are" if p.get("plural") else "is"
            lead = rng.choice([f"{seg} - that's most likely your {self.name}.", f"Here you go, {SEG} {verb} your {self.name}."])
            return lead + (" " + sent(", and ".join(cs)) if cs else "")
        claims = [self.wrap(c) for c in cs]
        if self.style == "confidence":
            body = [f"I'm about {self.conf()}% confident {these.lower()} {are} the {self.name}: {SEG}."] + claims
            body.insert(rng.randint(1, len(body)), self.trap())
            if rng.random() < 0.5:
                body.append(self.trap())
            return " ".join(body)
        lines = ["**Step 1 - Read the question.** " + (f"We need the {p['noun']} that {rng.choice(p['fn'])}."
                                                       if self.defect != "names_target" else
                                                       "We need to locate the structure that was named."),
                 f"**Step 2 - Identify it.** {ident} {seg}"]
        for s, c in zip(slots, claims):
            extra = (" " + self.trap()) if rng.random() < 0.35 else ""
            lines.append(f"**Step {len(lines) + 1} - {rng.choice(HEAD[s])}.** {c}{extra}")
        lines.append(f"**Step {len(lines) + 1} - Context.** {self.trap()}")
        lines.append(f"**Answer:** the {self.name}.")
        return "\n".join(lines)

    def ask_answer(self, slot, false):
        c = self.wrap(self.say(slot, false=false))
        if self.style == "app":
            return c + ((" " + self.trap(avoid=(slot,))) if len(c) < 30 or self.rng.random() < 0.5 else "")
        if self.style == "steps":
            return (f"**Step 1 - Recheck the mask.** {c}\n**Step 2 - Context.** {self.trap(avoid=(slot,))}")
        return c + " " + self.trap(avoid=(slot,))

    def teacher_first(self, first, false_slot, step_lie):
        """(student's steps, teacher's grading): one wrong student step is marked wrong and corrected."""
        rng, ks = self.rng, self.kslot
        student = [s for s in first if s == ks and step_lie]
        others = [s for s in first if s not in student and not (s == ks and self.place == "first")
                  and not (s == "rel" and self.rel_names_target())]
        rng.shuffle(others)
        k = rng.randint(min(1, len(others)), len(others))
        student += others[:k]
        rng.shuffle(student)
        own = [s for s in first if s not in student]
        wrong = rng.choice([s for s in student if s != ks] or [None]) if rng.random() < 0.7 else None
        steps, grades = [], []
        for i, s in enumerate(student, 1):
            if s == ks and step_lie:
                c = self.say(s, false=True, where="user", status="endorsed")
                steps.append(f"({i}) {sent(c)}")
                grades.append(f"- Step {i}: {rng.choice(['✓ Correct.', '✓ Good.', '✓ Fine.'])}")
            elif s == wrong:
                v = falsify(s, self.t, self.f, self.p, rng)
                c = clause(s, v, self.p, rng)
                self.log.append({"slot": s, "value": str(v), "false": True, "where": "user", "status": "corrected",
                                 "text": c})
                steps.append(f"({i}) {sent(c)}")
                grades.append(f"- Step {i}: ✗ {rng.choice(['Incorrect', 'Not quite', 'Wrong'])}. "
                              f"{sent(self.say(s))} Tip: {WHY_WRONG[s]}.")
                self.wrong = (i, s)
            else:
                steps.append(f"({i}) {sent(self.say(s, where='user'))}")
                grades.append(f"- Step {i}: ✓ Correct, {self.say(s)}.")
        if not steps:
            steps = ["(1) I think it is the answer because of its shape."]
        ans = [rng.choice(["Let's go through your steps.", "Here is my marking."])] + grades
        ans.append(f"Answer: the {self.name}. {SEG}")
        if own:
            ans.append("Also note: " + " ".join(sent(self.say(s, false=s == false_slot)) for s in own))
        ans.append(self.trap())
        return " ".join(steps), "\n".join(ans)


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    cv = _Conv(p, f, style, rng, defect)
    ks, place = cv.kslot, cv.place
    cv.wrong = None
    first = [s for s in cv.slots if not (s == ks and place == "follow")]
    if style == "app":
        must = [ks] if place == "first" else []
        rest = [s for s in first if s not in must]
        rng.shuffle(rest)
        first = must + rest[:max(0, rng.choice([1, 2]) - len(must))]
    elif len(first) > 2 and rng.random() < 0.4:
        first.remove(rng.choice([s for s in first if s != ks]))
    step_lie = (style == "teacher" and place == "user" and ks in first and rng.random() < 0.5
                and not (ks == "rel" and cv.rel_names_target()))
    focuses = [("ask", ks, True)] if place == "follow" else [("presup", ks, True)] if place == "user" and not step_lie else []
    n_rounds = max(rng.choice([2, 3, 3]) if style == "app" else rng.choice([1, 2, 2, 3]), len(focuses) + 1)
    pool = [s for s in cv.slots if s != ks]
    unasked = [s for s in pool if s not in first] or pool
    while len(focuses) < n_rounds - 1:
        r = rng.random()
        if r < 0.5 and pool:
            focuses.append(("ask", rng.choice(unasked), False))
        elif r < 0.7 and pool:
            focuses.append(("presup", rng.choice(pool), False))
        else:
            focuses.append(("why", None, False))
    rng.shuffle(focuses)

    if style == "teacher":
        steps_text, a1 = cv.teacher_first(first, ks if place == "first" else None, step_lie)
        q1 = cv.question(steps_text)
    else:
        q1 = cv.question()
        a1 = cv.first_answer(first, ks if place == "first" else None)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    for kind, slot, false in focuses:
        if kind == "ask":
            q = rng.choice(QS[slot][:2] if slot == "size" and (cv.lie if false else cv.t[slot])[1] is None else QS[slot])
            if slot == "rel":
                q = q.format(o=cv.t["rel"][0])
            a = cv.ask_answer(slot, false)
            if style == "teacher":
                a = rng.choice(["Good question. ", "Let me check. "]) + a
        elif kind == "presup":
            v = cv.lie if false else cv.t[slot]
            q = presup(slot, v, p, rng)
            cv.log.append({"slot": slot, "value": str(v), "false": false, "where": "user", "status": "presupposed",
                           "text": q})
            a = rng.choice(NONCOMMIT)
            if style != "app" and rng.random() < 0.5:
                a += " " + cv.trap(avoid=(slot,) + ((ks,) if ks else ()))
        elif style == "teacher" and cv.wrong:
            i, s = cv.wrong
            q = f"Why was step {i} wrong?"
            a = f"Here is why: {WHY_WRONG[s]}. {sent(cv.say(s))}"
            cv.wrong = None
        else:
            q = rng.choice(WHY)
            facts = rng.sample(p["kb"] + p["pop"] + (CONV[:1] if p["orient"] else [NOSIDE]), 2)
            a = facts[0] if style == "app" else " ".join(facts)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    LOG.append({"target": p["target"], "style": style, "defect": defect, "place": place, "kslot": ks,
                "claims": cv.log, "first_q": q1})
    return turns, [defect] if defect else []
