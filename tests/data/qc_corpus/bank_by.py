"""Bank BY: thorax, heart and great vessels on CT (axial "LP", some coronal "LI"), written blind.

Written by helper qcby without opening the QC rules, their tests, other banks or their rows. Registers:
a radiology podcast transcript with two hosts (HOST A:/HOST B:), a board oral exam (Examiner:/Candidate:,
the examiner confirms or corrects wording), a nurse-to-nurse ISBAR handover, and an FAQ (Q:/A: pairs
inside one answer). Facts are the product's own measurement (`compute_facts` on synthetic masks drawn
inside a synthetic body outline), and every sentence about the mask is written from those facts.

Defective rows carry exactly one plainly asserted (or user-presupposed) false claim; about a fifth of the
side/position/size/count defects sit in a user turn, some only in a follow-up answer. Clean rows carry
true negations, the radiological display convention, knowledge about other structures, hedges,
comparisons with other structures (measured on the same synthetic slice) and population numbers.

First measure: not taken by the writer (the lead measures once after merging). The writer's own
reader (/work/notes/qcby_scripts/selfcheck.py, no QC code) finds in every defective row exactly its one planted
false claim, in no clean row a false claim or the target's name in the first question.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
N = 256
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}
_CTX: dict = {}  # extras of the last facts_for call (areas of the other structures), read by build

# component ellipses in body units: (u, v, ru, rv); u + = patient's left, v + = posterior (axial) / inferior
# (coronal); jitter is added in facts_for
PROFILES = [
    dict(key="heart", target="heart", name="the heart", view="axial", comps=[[(0.2, -0.25, 0.33, 0.38)]],
         fn=["pumps blood through both circulations", "contracts rhythmically to drive the circulation"],
         hint=["a patient with an enlarged silhouette on the chest film", "someone with suspected failure of the pump"],
         give=["the heart", "cardiac", "the cardiac silhouette", "intracardiac"]),
    dict(key="lv", target="left ventricle", name="the left ventricle", view="axial",
         comps=[[(0.34, -0.18, 0.17, 0.21)]],
         fn=["pushes oxygenated blood out into the systemic circulation", "is the thick-walled main pumping chamber"],
         hint=["a hypertensive patient with a thickened muscular wall", "an echo report of reduced ejection fraction"],
         give=["left ventricular", "the LV", "ventricle", "the left ventricle"]),
    dict(key="ra", target="right atrium", name="the right atrium", view="axial",
         comps=[[(-0.24, -0.2, 0.16, 0.2)]],
         fn=["receives the venous return from both caval veins", "collects deoxygenated blood from the body"],
         hint=["a patient with tricuspid regurgitation", "a pacing lead that enters the heart from the venous side"],
         give=["atrial", "the right atrium", "the RA", "right atrial"]),
    dict(key="aorta", target="aorta", name="the aorta", view="axial",
         comps=[[(-0.02, -0.3, 0.1, 0.12), (0.16, 0.5, 0.09, 0.1)], [(0.16, 0.5, 0.1, 0.11)]],
         fn=["carries oxygenated blood from the heart to the whole body", "is the body's main arterial trunk"],
         hint=["an elderly smoker with a possible dissection", "a patient with tearing chest pain radiating to the back"],
         give=["aortic", "the aorta", "the thoracic aorta", "periaortic"]),
    dict(key="pa", target="pulmonary artery", name="the pulmonary artery", view="axial",
         comps=[[(0.1, -0.32, 0.13, 0.13)]],
         fn=["carries deoxygenated blood from the right side of the heart toward the gas-exchange surfaces",
             "is the trunk leaving the right ventricle"],
         hint=["a patient with suspected clot after a long flight", "a patient with raised pressures on echo"],
         give=["the pulmonary trunk", "the MPA", "pulmonary arterial", "the main pulmonary artery"]),
    dict(key="svc", target="superior vena cava", name="the superior vena cava", view="axial",
         comps=[[(-0.22, -0.3, 0.08, 0.09)]],
         fn=["drains blood from the head, neck and arms back to the heart",
             "returns venous blood from the upper body"],
         hint=["a patient with facial swelling and a lung mass", "a central line whose tip needs checking"],
         give=["the SVC", "caval", "the superior vena cava", "the vena cava"]),
    dict(key="lungs", target="lung", name="the lungs", view="axial",
         comps=[[(-0.52, 0.0, 0.3, 0.55), (0.52, 0.0, 0.28, 0.55)]],
         fn=["exchanges oxygen and carbon dioxide with the air we breathe", "fills with air on inspiration"],
         hint=["a smoker with breathlessness and suspected emphysema", "a patient with low oxygen saturations"],
         give=["the lungs", "pulmonary", "lung fields", "the lung parenchyma"]),
    dict(key="rlung", target="right lung", name="the right lung", view="axial",
         comps=[[(-0.52, 0.03, 0.3, 0.55)]],
         fn=["has three lobes and exchanges gas with the air", "is the three-lobed organ of respiration"],
         hint=["a patient scheduled for a lobectomy on one side", "a collapse on one side after intubation"],
         give=["the right lung", "right pulmonary", "lung", "the lungs"]),
    dict(key="llung", target="left lung", name="the left lung", view="axial",
         comps=[[(0.52, 0.03, 0.28, 0.55)]],
         fn=["has two lobes and a lingula and exchanges gas", "is the two-lobed organ of respiration"],
         hint=["a patient with a cardiac notch on the same side", "a collapse on one side after intubation"],
         give=["the left lung", "left pulmonary", "lung", "intrapulmonary"]),
    dict(key="oes", target="esophagus", name="the oesophagus", view="axial",
         comps=[[(0.05, 0.45, 0.06, 0.07)]],
         fn=["carries swallowed food from the throat to the stomach", "moves a swallowed bolus down by peristalsis"],
         hint=["a patient with progressive difficulty swallowing solids", "a patient after a fish bone got stuck"],
         give=["oesophageal", "the gullet", "the oesophagus", "the food pipe"]),
    dict(key="trachea", target="trachea", name="the trachea", view="axial",
         comps=[[(0.0, 0.05, 0.08, 0.09)]],
         fn=["conducts inspired air down toward the bronchi", "is the cartilage-ringed airway above the carina"],
         hint=["a patient with stridor and a goitre", "checking where a breathing tube ended up"],
         give=["the trachea", "tracheal", "the windpipe", "paratracheal"]),
    dict(key="thymus", target="thymus", name="the thymus", view="axial",
         comps=[[(0.0, -0.58, 0.14, 0.08)], [(0.0, -0.55, 0.22, 0.12)]],
         fn=["matures T lymphocytes in childhood", "is a lymphoid gland that involutes after puberty"],
         hint=["a young patient with myasthenia gravis", "an anterior mediastinal question in a child"],
         give=["thymic", "the thymus", "the thymus gland", "perithymic"]),
    dict(key="peff", target="pleural effusion", name="the pleural effusion", view="axial",
         comps=[[(-0.5, 0.62, 0.26, 0.15)], [(0.5, 0.62, 0.26, 0.15)],
                [(-0.5, 0.62, 0.26, 0.15), (0.5, 0.64, 0.24, 0.13)]],
         fn=["is liquid that has collected between the two layers lining the chest", "layers dependently in the chest"],
         hint=["a patient with heart failure and dull bases on percussion", "a patient breathless after pneumonia"],
         give=["the pleural effusion", "pleural fluid", "effusion", "the hydrothorax"]),
    dict(key="pcf", target="pericardial effusion", name="the pericardial effusion", view="axial", ring=True,
         comps=[[(0.2, -0.25, 0.42, 0.46)]],
         fn=["is liquid collected in the sac around the pump of the circulation", "surrounds the pumping organ as a rim"],
         hint=["a patient with muffled heart sounds and low blood pressure", "a patient after cardiac surgery"],
         give=["the pericardial effusion", "pericardial fluid", "the effusion", "hemopericardium"]),
    dict(key="c_lungs", target="lung", name="the lungs", view="coronal",
         comps=[[(-0.5, -0.1, 0.3, 0.6), (0.5, -0.1, 0.28, 0.6)]],
         fn=["exchanges oxygen and carbon dioxide with the air we breathe", "expands with every breath"],
         hint=["a patient with interstitial disease", "a patient with hyperinflation"],
         give=["the lungs", "pulmonary", "the lung fields", "the pulmonary parenchyma"]),
    dict(key="c_heart", target="heart", name="the heart", view="coronal", comps=[[(0.18, 0.45, 0.32, 0.25)]],
         fn=["pumps blood through both circulations", "beats about seventy times a minute at rest"],
         hint=["a patient with an enlarged silhouette on the chest film", "a patient with palpitations"],
         give=["the heart", "cardiac", "the cardiac shadow", "pericardiac"]),
    dict(key="c_trachea", target="trachea", name="the trachea", view="coronal",
         comps=[[(0.0, -0.6, 0.06, 0.28)]],
         fn=["conducts inspired air down toward the bronchi", "is the airway that divides at the carina"],
         hint=["a patient with a goitre compressing the airway", "checking a tube position"],
         give=["the trachea", "tracheal", "the windpipe", "tracheo-bronchial"]),
    dict(key="c_peff", target="pleural effusion", name="the pleural effusion", view="coronal",
         comps=[[(-0.5, 0.72, 0.28, 0.12)], [(-0.5, 0.72, 0.28, 0.12), (0.5, 0.72, 0.26, 0.11)]],
         fn=["is liquid that has collected between the two layers lining the chest", "blunts the costophrenic angles"],
         hint=["a patient with heart failure and dull bases", "a patient with breathlessness and ankle swelling"],
         give=["the pleural effusion", "pleural fluid", "effusion", "pleural collection"]),
]

# context structures for relations and comparisons (u, v, ru, rv)
OTHERS = {"axial": {"vertebral body": (0.0, 0.75, 0.13, 0.13), "sternum": (0.0, -0.88, 0.1, 0.05),
                    "heart": (0.2, -0.25, 0.33, 0.38), "trachea": (0.0, 0.05, 0.08, 0.09)},
          "coronal": {"liver": (-0.45, 0.85, 0.35, 0.12), "heart": (0.18, 0.45, 0.32, 0.25),
                      "trachea": (0.0, -0.6, 0.06, 0.28)}}
BODY = {"axial": (128, 130, 112, 82), "coronal": (128, 128, 100, 115)}
ORIENT = {"axial": "LP", "coronal": "LI"}

OTHER_KB = [
    "The superior vena cava sits on the right, just lateral to the ascending aorta.",
    "The aortic arch passes over the left main bronchus and to the left of the trachea.",
    "The right lung has three lobes and the left lung two, plus the lingula.",
    "The liver dome sits under the right hemidiaphragm, which is usually a little higher than the left.",
    "The oesophagus runs behind the left atrium, which is why a big atrium can indent it.",
    "The stomach bubble normally lies under the left hemidiaphragm.",
    "The descending aorta runs down the left side of the vertebral bodies.",
    "The azygos vein arches over the right main bronchus to join the superior vena cava.",
]
POPULATION = [
    "On a PA chest film a cardiothoracic ratio under 50% is usually taken as normal in adults.",
    "Roughly 25% of adults have a patent foramen ovale, which a single CT slice will not show.",
    "A normal main pulmonary artery usually measures under about 29 mm across in adults.",
    "In most adults over 40 the thymus has largely been replaced by fat.",
    "A normal pericardial sac holds only about 15 to 50 mL of fluid.",
    "About 10% of people carry some variant of the aortic arch branching pattern.",
]


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": "chest", "orientation": ORIENT[p["view"]]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Weights the bilateral and multi-region masks (lungs, effusions, aorta) up a little."""
    w = [2 if p["key"] in ("lungs", "c_lungs", "peff", "c_peff", "aorta") else 1 for p in profiles]
    return rng.choices(profiles, weights=w, k=1)[0]


def _ellipse(view: str, u: float, v: float, ru: float, rv: float) -> np.ndarray:
    cx, cy, ax, by = BODY[view]
    yy, xx = np.mgrid[0:N, 0:N]
    return ((xx - (cx + u * ax)) / (ru * ax)) ** 2 + ((yy - (cy + v * by)) / (rv * by)) ** 2 <= 1.0


def facts_for(p: dict, rng: random.Random) -> dict:
    """MaskFacts measured by the product on a synthetic slice: a body ellipse (air outside) holding the
    target's component ellipses, with context structures as `others`."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import body_outline, patient_frame

    view = p["view"]
    comps = rng.choice(p["comps"])
    mask = np.zeros((N, N), bool)
    for (u, v, ru, rv) in comps:
        j = lambda s: rng.uniform(-s, s)  # noqa: E731
        u, v, ru, rv = u + j(0.03), v + j(0.03), ru * (1 + j(0.08)), rv * (1 + j(0.08))
        mask |= _ellipse(view, u, v, ru, rv)
        if p.get("ring"):  # a rim: the inner ellipse sits a little posterior, so the rim is thicker in front
            mask &= ~_ellipse(view, u, v + 0.04, ru * 0.8, rv * 0.8)
    cx, cy, ax, by = BODY[view]
    img = np.full((N, N), -1000.0)
    img[_ellipse(view, 0, 0, 1, 1)] = 40.0
    body = body_outline(img, -500.0, mask)
    frame = patient_frame((N, N), ORIENT[view], body)
    others = {k: _ellipse(view, *e) for k, e in OTHERS[view].items() if k != p["target"]}
    facts = compute_facts(mask, ORIENT[view], others=others, frame=frame).model_dump(mode="json")
    _CTX.clear()
    _CTX.update(areas={k: int(m.sum()) for k, m in others.items()})
    return facts


# --- true and false sentences about the mask ------------------------------------------------------

OPP = {"left": "right", "right": "left"}


def side_true(f: dict, name: str, rng) -> str:
    s = f["laterality"]
    if s in OPP:
        return rng.choice([f"{name.capitalize()} lies on the patient's {s}.",
                           f"It sits on the patient's {s}-hand side.",
                           f"The mask is {s}-sided.", f"It is mainly over to the patient's {s} of the midline.",
                           f"Side-wise, it's the patient's {s}.", f"Laterality: the patient's {s}.",
                           f"You'll find it on the patient's {s}.", f"In patient terms it is {s}-sided."])
    if s == "midline":
        return rng.choice(["It sits in the midline.", "It is a midline structure on this slice.",
                           "It straddles the midline, not off to either side.", "Side: midline.",
                           "Laterality: midline.", "It's a midline thing here, sitting on the midline."])
    return rng.choice(["It is bilateral, with a part on each side.", "Both sides are involved, left and right.",
                       "There is one region on the patient's left and one on the right.",
                       "It is present on both sides of the chest.", "It's on both sides, left and right.",
                       "Laterality: bilateral."])


def side_false(f: dict, name: str, rng) -> str:
    s = f["laterality"]
    if s in OPP:
        o = OPP[s]
        return rng.choice([f"{name.capitalize()} lies on the patient's {o}.", f"It sits on the patient's {o}-hand side.",
                           f"The mask is {o}-sided.", f"It is over to the patient's {o} of the midline."])
    if s == "midline":
        o = rng.choice(["left", "right"])
        return rng.choice([f"It sits well off to the patient's {o}, away from the midline.",
                           f"It is a {o}-sided structure on this slice, clearly lateral."])
    o = rng.choice(["left", "right"])
    return rng.choice([f"It is confined to the patient's {o} side.", f"Only the {o} side is involved.",
                       f"It is purely {o}-sided; the other side is clear."])


VERT = {"anterior": ["It lies toward the front of the chest.", "It sits anteriorly on this slice.",
                     "It's up toward the front of the chest on this cut.",
                     "Its position is anterior, nearer the sternum than the spine."],
        "posterior": ["It lies toward the back of the chest.", "It sits posteriorly on this slice.",
                      "It's dorsal, toward the back.",
                      "Its position is posterior, nearer the spine than the sternum."],
        "superior": ["It sits high in the chest on this coronal image.", "It's up toward the top of the chest.",
                     "Its position is superior, toward the neck.",
                     "It lies in the upper part of the image, superiorly."],
        "inferior": ["It lies low in the chest, toward the diaphragm.", "It's down toward the bottom of the chest.",
                     "Its position is inferior on this coronal image.",
                     "It sits in the lower part of the chest, inferiorly."],
        "central": ["Front to back it sits about halfway, neither anterior nor posterior.",
                    "It is central along the front-to-back axis."]}
VERT_C = {"central": ["Top to bottom it sits at about mid-height, neither high nor low.",
                      "It is central along the head-to-foot axis."]}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"],
       "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"]}
RFLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
         "inferior_to": "superior_to"}


def vert_true(f, view, rng) -> str:
    v = f["vertical"]
    table = VERT_C if (view == "coronal" and v == "central") else VERT
    return rng.choice(table[v])


def rel_true(f, rng):
    rels = [r for r in f["relations"] if r["relation"] in RFLIP]
    if not rels:
        return None
    r = rng.choice(rels)
    return f"It lies {rng.choice(REL[r['relation']])} the {r['other']}."


def position_false(f, view, rng) -> str:
    """A wrong absolute position or a flipped front-back / up-down relation (never a borderline one)."""
    v = f["vertical"]
    rels = [r for r in f["relations"] if r["relation"] in RFLIP]
    if v in VFLIP and (not rels or rng.random() < 0.5):
        return rng.choice(VERT[VFLIP[v]])
    if rels:
        r = rng.choice(rels)
        return f"It lies {rng.choice(REL[RFLIP[r['relation']]])} the {r['other']}."
    return rng.choice(VERT["anterior" if view == "axial" else "superior"]).replace("It ", "It clearly ", 1)


def pct(f) -> float:
    return 100.0 * f["area_fraction"]


def size_true(f, rng) -> str:
    c, p = f["size_class"], pct(f)
    ptxt = rng.choice([f"about {p:.1f}% of the image", f"roughly {p:.1f} percent of the image area",
                       f"~{p:.1f}% of the field of view"]
                      + ([f"roughly {round(p)} percent of the image"] if p >= 1.5 and abs(round(p) - p) <= 0.1 * p else []))
    word = {"small": ["small", "fairly small", "a small structure"], "medium": ["medium-sized", "moderate in size",
            "of intermediate size"], "large": ["large", "big", "a large structure"]}[c]
    return rng.choice([f"It is {rng.choice(word)} on this slice, covering {ptxt}.",
                       {"small": "It's only a small patch on this slice.", "medium": "It's mid-sized on this slice.",
                        "large": "It takes up a big chunk of the chest on this slice."}[c],
                       f"Size: {rng.choice(word)}; it covers {ptxt}.", f"It takes up {ptxt}, so {rng.choice(word)}.",
                       f"On this slice it is {rng.choice(word)}."])


def size_false(f, rng) -> str:
    c = f["size_class"]
    if c == "small" or (c == "medium" and rng.random() < 0.5):
        return rng.choice(["It is huge on this slice, filling about 40% of the image.",
                           "It is massive here and dominates the whole chest.",
                           "It is a large structure, covering roughly 35 percent of the image area."])
    return rng.choice(["It is tiny on this slice, covering about 0.1% of the image.",
                       "It is minuscule here, only a speck of a few pixels.",
                       "It is a very small structure, well under half a percent of the image."])


def count_true(f, rng) -> str:
    n = f["components"]
    if n == 1:
        return rng.choice(["It is one continuous region.", "The mask is a single connected area.",
                           "It forms one contiguous piece.", "Just one blob, all connected.",
                           "It's a single region."])
    return rng.choice([f"The mask has {NUMW[n]} separate regions.", f"It comes as {NUMW[n]} separate islands.",
                       f"It is made of {NUMW[n]} disconnected parts.",
                       f"There are {NUMW[n]} distinct pieces in the mask."])


def count_false(f, rng) -> str:
    if f["components"] == 1:
        return rng.choice(["The mask is split into two separate pieces.", "It appears as three distinct foci.",
                           "There are two disconnected regions in the mask."])
    return rng.choice(["The mask is one single connected piece.", "It forms one contiguous region only.",
                       "There is just a single region, no second part."])


def traps(p, f, view, rng) -> list[tuple[str, str]]:
    """True sentences a careless checker may misread, tagged with the fact kind they touch."""
    out = []
    s = f["laterality"]
    if s in OPP:
        o = OPP[s]
        out += [("laterality", rng.choice([f"It is not on the patient's {o}.", f"Nothing of it crosses to the {o} side.",
                                           f"There is no extension to the patient's {o}."])),
                ("laterality", f"On screen it shows on the image's {o}, which is the patient's {s}, "
                               "by radiological convention.")]
    elif s == "midline":
        out += [("laterality", rng.choice(["It is not off to one side.", "It is neither clearly left nor right."]))]
    elif s == "bilateral":
        out += [("laterality", "It is not confined to one side.")]
    out.append(("laterality", rng.choice([
        "By convention we view axial images from the patient's feet, so the patient's left is on the right of the screen.",
        "Remember the display convention: the patient's right appears on the left of the screen."])))
    n = f["components"]
    out.append(("count", rng.choice(["There is no second focus.", "No separate satellite region is seen."]) if n == 1
                else f"It is not a single piece; there are {NUMW[n]}."))
    for other, a in _CTX.get("areas", {}).items():
        if other in ("heart", "vertebral body", "liver") and a > 0:
            word = "smaller" if f["area_pixels"] < 0.8 * a else "larger" if f["area_pixels"] > 1.25 * a else None
            if word:
                out.append(("size", f"On this slice it is {word} than the {other}."))
    own = [w.rstrip("s") for w in p["name"].lower().split() if w not in ("the", "left", "right", "superior")]
    out.append(("kb", rng.choice([k for k in OTHER_KB if not any(w in k.lower() for w in own)])))
    out.append(("kb", rng.choice(POPULATION)))
    rng.shuffle(out)
    return out


def hedge(sentence: str, rng) -> str:
    if sentence.startswith("It is ") and rng.random() < 0.35:
        return rng.choice(["It is probably ", "It is most likely ", "I think it is "]) + sentence[6:]
    if sentence.startswith("It ") and rng.random() < 0.35:
        return rng.choice(["It most likely ", "It probably ", "I think it "]) + sentence[3:]
    return sentence


# --- questions ------------------------------------------------------------------------------------

PREFIX = {
    "podcast": ["We're recording this week's episode of our radiology podcast. ", "Podcast prep, two hosts. ",
                "For the show notes of our imaging podcast: "],
    "exam": ["Let's rehearse my oral board exam. ", "Mock viva, please play the candidate. ", "Board-exam practice: "],
    "isbar": ["I'm handing over to the night nurse. ", "Help me with an ISBAR handover. ",
              "Nurse-to-nurse handover, ISBAR format please. "],
    "faq": ["Write this as a short FAQ. ", "Please answer in a Q&A format for our patient leaflet. ",
            "FAQ style, please: "],
}


def first_question(p, style, rng, named: bool) -> str:
    fn, hint = rng.choice(p["fn"]), rng.choice(p["hint"])
    plane = "coronal" if p["view"] == "coronal" else "axial"
    if named:
        g = rng.choice(p["give"])
        thing = g if g.startswith("the ") else f"the {g} structure" if rng.random() < 0.5 else f"the {g} region"
        q = rng.choice([f"On this {plane} chest CT, can you segment {thing}? It {fn}.",
                        f"Thinking of {hint}, where is {thing} on this slice? Please outline it.",
                        f"Could you find and mask {thing}, the one that {fn}?"])
    else:
        q = rng.choice([f"On this {plane} chest CT, can you segment the structure that {fn}?",
                        f"Thinking of {hint}, which part of this slice {fn.replace('is ', 'is ', 1)}? Please outline it.",
                        f"Could you find and mask whatever on this image {fn}, as relevant to {hint}?",
                        f"Which structure here {fn}? Please segment it."])
    return rng.choice(PREFIX[style]) + q


FOLLOW_Q = {
    "laterality": ["Which side is it?", "Which side of the patient is it on, left or right?",
                   "Sorry, I always muddle this on CT: which side of the patient is it actually on?"],
    "position": ["Where is it, front to back?", "Is it toward the front or the back of the chest?",
                 "And its position relative to its neighbours on this slice?"],
    "size": ["How big is it?", "Is it big or small on this slice?",
             "Roughly how much of the image does the mask cover, in percent?"],
    "count": ["Is it one piece?", "How many separate regions does the mask have?",
              "Is the outline one connected area or several separate bits?"],
    "why": ["Why is that?", "Why does that matter in practice?", "Could you explain why that is the case?"],
}
FOLLOW_Q_C = ["Is it high or low?", "Is it toward the top or the bottom of the chest on this coronal view?"]
NEUTRAL = ["Good question. On a single slice the appearance depends on the level of the cut and on the "
           "patient's build, so it is worth scrolling through the neighbouring slices before concluding anything.",
           "That is worth checking on the full series; one image only shows one level, and the report should "
           "be read alongside the clinical picture.",
           "I would not read too much into a single slice; compare with prior imaging and the adjacent levels."]
WHY = ["Because the mask was measured in patient coordinates, not screen coordinates, and CT is displayed as if "
       "viewed from the feet.", "Because where a structure sits tells you what it can press on and which "
       "approach a proceduralist would take.", "Mostly anatomy: the mediastinal structures keep fairly constant "
       "positions, which is what makes them useful landmarks."]


def user_false(p, f, kind, rng) -> str:
    """A follow-up question that presupposes one false claim."""
    if kind == "laterality":
        s = f["laterality"]
        if s in OPP:
            o = OPP[s]
            return rng.choice([f"Why would it be on the patient's {o} side?",
                               f"Since it's on the patient's {o}, does that change anything for us?"])
        o = rng.choice(["left", "right"])
        if s == "midline":
            return f"Why is it pushed off to the patient's {o}, away from the midline?"
        return f"Given that it's only on the patient's {o} side, is the other side normal?"
    if kind == "position":
        v = f["vertical"]
        rels = [r for r in f["relations"] if r["relation"] in RFLIP]
        if v in VFLIP and (not rels or rng.random() < 0.5):
            w = {"anterior": "toward the front", "posterior": "toward the back", "superior": "so high up",
                 "inferior": "so low down"}[VFLIP[v]]
            return f"Why does it sit {w} in the chest here?"
        r = rng.choice(rels)
        return f"Since it lies {REL[RFLIP[r['relation']]][0]} the {r['other']}, is that a normal variant?"
    if kind == "size":
        if f["size_class"] == "small":
            return rng.choice(["Why is it so huge on this slice?", "Why does it fill about 40% of the image?"])
        return rng.choice(["Why does it only cover about 0.1% of the image?", "Why is it just a tiny speck here?"])
    if f["components"] == 1:
        return rng.choice(["Why is it split into two separate pieces?", "Why are there three separate bits?"])
    return rng.choice(["Why is it just one single connected blob?", "Why is there only one region in the mask?"])


# --- registers ------------------------------------------------------------------------------------

RECOMMEND = ["Please make sure the team reads the formal report.", "Keep the images open for the registrar review at 9.",
             "Escalate if breathing worsens."]


def render_main(style, name, items, rng, defect=None, f=None) -> str:
    """items: [(kind, sentence)]; the register lays them out around the single [SEG]."""
    sents = [s for _, s in items]
    if style == "podcast":
        lines = [f"HOST A: {rng.choice(['Okay, listeners', 'Right', 'So'])}, here's the mask: {SEG}. "
                 + ("Those are" if name.endswith("s") else "That's") + f" {name}."]
        host = "B"
        for k in range(0, len(sents), 2):
            fill = rng.choice(["", "Yeah. ", "Exactly. ", "Mm-hm. ", "Right. ", "And listeners, note this. "])
            chunk = " ".join(sents[k:k + 2])
            lines.append(f"HOST {host}: {fill}{chunk}")
            host = "A" if host == "B" else "B"
        return "\n".join(lines)
    if style == "exam":
        ask = {"laterality": ["Which side?", "Side, please."], "position": ["And where is it?", "Its position?"],
               "size": ["Size?", "How large is it here?"], "count": ["One region or several?", "How many parts?"],
               "kb": ["Anything else?", "Tell me something relevant.", "Go on.", "What else would you mention?"]}
        ok = ["Correct.", "Good.", "Yes.", "Fine, go on."]
        this = "These are" if name.endswith("s") else "This is"
        lines = [f"Examiner: Show me the structure.\nCandidate: Here: {SEG}. {this} {name}."]
        for kind, s in items:
            q = rng.choice(ask.get(kind, ask["kb"]))
            formal = {"anterior": "Anterior", "posterior": "Posterior", "superior": "Superior", "inferior": "Inferior"}
            if kind == "position" and kind != defect and s in sum(VERT.values(), []) and rng.random() < 0.5 \
                    and f["vertical"] in formal:
                lines.append(f"Examiner: {q}\nCandidate: {s}\nExaminer: Use the formal term, please.\n"
                             f"Candidate: {formal[f['vertical']]}.\nExaminer: {rng.choice(ok)}")
            elif "image's" in s:
                lines.append(f"Examiner: Careful with image side versus patient side.\nCandidate: Yes. {s}\n"
                             f"Examiner: {rng.choice(ok)}")
            else:
                lines.append(f"Examiner: {q}\nCandidate: {s}\nExaminer: {rng.choice(ok)}")
        return "\n".join(lines)
    if style == "isbar":
        facts = [s for k, s in items if k in ("laterality", "position", "size", "count")]
        other = [s for k, s in items if k not in ("laterality", "position", "size", "count")]
        ident = rng.choice(["Bay 2, bed 4, the chest CT from this afternoon.", "The patient in side room 3, CT chest today."])
        return (f"Identify: {ident} Outlined structure: {SEG}, {name}.\n"
                f"Situation: Contrast CT done; segmentation reviewed. {' '.join(facts[:2])}\n"
                f"Background: {' '.join(other) or 'No relevant history given.'}\n"
                f"Assessment: {' '.join(facts[2:]) or 'As above.'}\n"
                f"Recommendation: {rng.choice(RECOMMEND)}")
    ask = {"laterality": ["Which side is it on?", "Left or right?"], "position": ["Where exactly does it sit?",
           "Where is it on the slice?"], "size": ["How big is it?", "Is it large?"],
           "count": ["Is it in one piece?", "How many parts are there?"], "kb": ["Anything else I should know?",
           "What else is useful here?", "Any tips for reading it?", "What context helps?"]}
    lines = [f"Q: What is highlighted?\nA: {SEG}: {name}."]
    for kind, s in items:
        lines.append(f"Q: {rng.choice(ask.get(kind, ask['kb']))}\nA: {s}")
    return "\n".join(lines)


def render_follow(style, s, rng, q: str = "") -> str:
    if style == "podcast":
        return f"HOST {rng.choice('AB')}: {s}"
    if style == "exam":
        return f"Candidate: {s}\nExaminer: {rng.choice(['Correct.', 'Good, that is right.', 'Fine.'])}"
    if style == "isbar":
        return f"{rng.choice(['Assessment update', 'Addendum to the handover', 'Clarification'])}: {s}"
    return f"Q: {q or 'And what does that mean?'}\nA: {s}"


def build(p, f, style, rng, defect):
    view, name = p["view"], p["name"]
    true = {"laterality": lambda: hedge(side_true(f, name, rng), rng),
            "position": lambda: hedge((rng.random() < 0.4 and rel_true(f, rng)) or vert_true(f, view, rng), rng),
            "size": lambda: hedge(size_true(f, rng), rng), "count": lambda: hedge(count_true(f, rng), rng)}
    false = {"laterality": lambda: side_false(f, name, rng), "position": lambda: position_false(f, view, rng),
             "size": lambda: size_false(f, rng), "count": lambda: count_false(f, rng)}
    loc = None
    if defect in false:
        r = rng.random()
        loc = "user" if r < 0.22 else "follow" if r < 0.45 else "main"
    order = ["laterality", "position", "size", "count"]
    rng.shuffle(order)
    items = []
    for kind in order:
        if kind == defect and loc != "main":
            continue
        items.append((kind, false[kind]() if (kind == defect and loc == "main") else true[kind]()))
    extra = [("kb", t) for k, t in traps(p, f, view, rng) if k != defect]
    items += extra[:rng.randint(2, 4)]
    head = [i for i in items if i[0] in order]
    tail = [i for i in items if i[0] not in order]
    mixed = head + tail
    if rng.random() < 0.5 and len(mixed) > 3:
        mixed.insert(1, mixed.pop())
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": render_main(style, name, mixed, rng, defect, f)}]
    rounds = rng.choice([0, 1, 1, 2]) if loc in (None, "main") else rng.choice([1, 2])
    planted_round = rng.randrange(rounds) if rounds and loc in ("user", "follow") else None
    pos_q = (FOLLOW_Q_C if view == "coronal" else FOLLOW_Q["position"][:2]) + FOLLOW_Q["position"][2:]
    for k in range(rounds):
        if k == planted_round and loc == "user":
            uq = user_false(p, f, defect, rng)
            turns += [{"role": "user", "content": uq},  # the answer neither repeats nor corrects it
                      {"role": "assistant", "content": render_follow(style, rng.choice(NEUTRAL), rng)}]
            continue
        if k == planted_round and loc == "follow":
            q = rng.choice(pos_q if defect == "position" else FOLLOW_Q[defect])
            turns += [{"role": "user", "content": q},
                      {"role": "assistant", "content": render_follow(style, false[defect](), rng, q)}]
            continue
        aspect = rng.choice([a for a in ("laterality", "position", "size", "count", "why") if a != defect])
        if aspect == "why":
            q, a = rng.choice(FOLLOW_Q["why"]), rng.choice(WHY)
        else:
            q = rng.choice(pos_q if aspect == "position" else FOLLOW_Q[aspect])
            a = true[aspect]()
            if aspect == "position":
                a = (rel_true(f, rng) if "neighbours" in q else None) or hedge(vert_true(f, view, rng), rng)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": render_follow(style, a, rng, q)}]
    return turns, ([defect] if defect else [])


STYLES = ["podcast", "exam", "isbar", "faq"]
