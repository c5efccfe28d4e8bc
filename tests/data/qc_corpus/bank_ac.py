"""Bank AC: thorax and heart (axial chest CT, axial cardiac MR, "LP" radiological view), written blind.

Written by helper qcac WITHOUT reading any QC rule, any other bank or any QC note: only the row format
(make_corpus.py), the scorer (bench/bench_qc.py), how facts are measured (medseg_qa/facts.py, patient.py)
and the knowledge base's names. Every earlier bank used the same abdominal CT targets; this one brings new
targets (lungs, one lobe, lung nodules, heart, two cardiac chambers, oesophagus, SVC, left clavicle,
sternum, spinal cord, and a pericardial effusion the knowledge base does not know) and new registers:
"terse" (radiologist one-liners), "tutor" (explains to a student: display convention, neighbours),
"mdchat" (chatty markdown LLM answer, headings, bold, bullets, emoji), "words" (every number in words).

Facts are the product's own measurement: each conversation draws a synthetic mask (ellipses inside an
elliptic body outline, one or several components) and calls `medseg_qa.facts.compute_facts`; the prose is
then written FROM those facts (side, front/back, relations, size class, area percent, region count).

Own sanity checks before the measure (a scratch script, not QC): all 420 rows load into the models, every
turn 12..2000 characters and >= 3 words, one [SEG] in the first answer only, no digit in a "words" row,
and no clean row states a side, front/back position, relation, size word or region count that its facts
contradict (a position defect row holds exactly one flipped relation or front/back claim).

First measure (once, commit 73c81b6, QC never read): 185 of 210 planted defects caught (0.881), 16 of 210
clean conversations flagged (0.076); caught per kind: laterality 42/42, position 42/42, size 32/42,
count 32/42, names_target 37/42; false flags: position 51, size 1 (over all rows, clean and defective).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
W = H = 512
BODY = (255.5, 265.0, 200.0, 140.0)  # centre x, centre y, half-width, half-height of the chest outline
OPP = {"left": "right", "right": "left"}
STYLES = ["terse", "tutor", "mdchat", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
ANAT = {"sternum": (256, 140), "heart": (272, 215), "aorta": (292, 300), "vertebral body": (256, 362),
        "esophagus": (262, 302), "left lung": (360, 255), "right lung": (152, 255),
        "superior vena cava": (212, 200), "spinal cord": (256, 385)}
LUNG = {"left": (360, 255, 72, 98), "right": (152, 255, 78, 100)}

# shapes: (cx, cy, rx, ry) ellipses; "ring" = outer minus inner; "nodules" drawn in facts_for
PROFILES = [
    dict(target="left lung", mod="CT", shapes=[LUNG["left"]], others=["heart", "aorta", "sternum", "right lung"],
         names=["the left lung", "the left lung parenchyma", "the left lung field"],
         give=["the left lung", "the left pulmonary parenchyma", "the left lung field", "the lung on the left"],
         ask=["Which spongy, air-filled organ in the left half of this chest takes oxygen from inhaled air into the blood? Please segment it.",
              "On this chest CT, can you outline the organ of breathing that sits beside the heart on the patient's left?",
              "Which organ removes carbon dioxide from the blood with each breath out, the one on the patient's left side here? Mark it please."],
         kb=["The heart bulges toward the left, which is why this side has a cardiac notch.",
             "The right lung has three lobes, while this one has only two.",
             "The descending aorta runs down the left side of the spine, just medial to it."],
         pop=("Adults at rest breathe roughly 12 to 20 times a minute.", "Adults at rest breathe roughly twelve to twenty times a minute."),
         cmp=["It is much bigger than the oesophagus or the spinal cord."]),
    dict(target="right lung", mod="CT", shapes=[LUNG["right"]], others=["heart", "aorta", "sternum", "left lung"],
         names=["the right lung", "the right lung parenchyma", "the right lung field"],
         give=["the right lung", "the right pulmonary parenchyma", "the right lung field", "the lung on the right"],
         ask=["Which air-filled organ on the patient's right side of this chest exchanges oxygen and carbon dioxide? Please segment it.",
              "Can you outline the organ of breathing that lies to the right of the heart, on the patient's right?",
              "Which soft, air-filled organ on the right here oxygenates the blood? Please mark it."],
         kb=["The liver dome sits just under the right hemidiaphragm, below it.",
             "The left lung is usually a little smaller because the heart takes up room on that side.",
             "The superior vena cava runs down along the right side of the mediastinum."],
         pop=("The right lung holds roughly 55% of total lung volume in most adults.", "The right lung holds a little over half of total lung volume in most adults."),
         cmp=["It is much bigger than the oesophagus or the spinal cord."]),
    dict(target="lung", mod="CT", shapes=[LUNG["left"], LUNG["right"]], others=["sternum", "vertebral body"],
         names=["both lungs", "the lungs", "the two lung fields"],
         give=["both lungs", "the lungs", "the pulmonary parenchyma", "the lung fields", "the pulmonary tissue"],
         ask=["Which paired, air-filled organs in this chest take oxygen from inhaled air into the blood? Please segment them.",
              "Can you outline the two spongy organs of breathing on either side of the heart?",
              "A patient is short of breath. Please mark the paired organs that exchange oxygen and carbon dioxide on this CT."],
         kb=["The heart sits between them, bulging toward the patient's left.",
             "The liver dome lies beneath the right hemidiaphragm.",
             "The trachea divides into the left and right main bronchi higher up."],
         pop=("Adults at rest breathe roughly 12 to 20 times a minute.", "Adults at rest breathe roughly twelve to twenty times a minute."),
         cmp=["Together they are much larger than the heart on this slice."]),
    dict(target="right upper lung lobe", mod="CT", shapes=[(165, 225, 42, 48)], others=["heart", "sternum", "vertebral body"],
         names=["the right upper lobe", "the upper lobe of the right lung"],
         give=["the right upper lobe", "the RUL", "the upper lobe on the right", "the superior lobe of the right lung"],
         ask=["Which top section of the right breathing organ, ventilated by its own branch of the bronchial tree, is shown here? Segment it.",
              "Please outline the part of the right chest that exchanges oxygen and carbon dioxide for the top of the chest.",
              "Tuberculosis often reactivates in the apical part of the right chest. Can you mark that part on this image?"],
         kb=["The left lung has no middle lobe; its lingula plays that role.",
             "The horizontal fissure separates it from the middle lobe below.",
             "The superior vena cava runs along the right side of the mediastinum next to it."],
         pop=("The right lung has 3 lobes and the left lung has 2.", "The right lung has three lobes and the left lung has two."),
         cmp=["It is smaller than the whole right lung, of course, being only one part of it."]),
    dict(target="lung tumour", mod="CT", shapes="nodules", others=["heart", "vertebral body"],
         names=["the nodules", "the pulmonary nodules", "the suspicious nodules"],
         give=["the lung nodules", "the pulmonary mass", "the tumour", "the lung cancer", "the nodules", "the pulmonary lesions"],
         ask=["This long-time smoker's scan shows round soft-tissue densities against the dark, air-filled tissue. Can you outline them?",
              "Please segment the abnormal round opacities that could invade the airways or the pleura in this patient with haemoptysis.",
              "What are the small dense spots scattered in the breathing tissue here? Please mark all of them."],
         kb=["The heart and great vessels sit between the two lungs.",
             "The right lung has three lobes, the left lung two.",
             "The descending aorta runs beside the spine on the patient's left."],
         pop=("In screening trials, more than 90% of small nodules turn out to be benign.", "In screening trials, more than ninety percent of small nodules turn out to be benign."),
         cmp=["Each one is far smaller than the heart."],
         # a single nodule: singular names, question and comparison (a plural would be a false count)
         names1=["the nodule", "the pulmonary nodule", "the suspicious nodule"],
         ask1=["This long-time smoker's scan shows a round soft-tissue density against the dark, air-filled tissue. Can you outline it?",
               "Please segment the abnormal round opacity that could invade the airways or the pleura in this patient with haemoptysis.",
               "What is the small dense spot in the breathing tissue here? Please mark it."],
         cmp1=["It is far smaller than the heart."]),
    dict(target="heart", mod="CT", shapes=[(272, 215, 68, 58)], others=["sternum", "vertebral body", "esophagus"],
         names=["the heart", "the cardiac silhouette", "the heart chambers"],
         give=["the heart", "the cardiac silhouette", "the cardiac chambers", "the heart muscle"],
         ask=["Which muscular organ in this chest pumps blood through the lungs and around the body? Please segment it.",
              "Can you outline the organ that keeps blood flowing in one direction through four valves?",
              "A patient presents with crushing chest pain. Please mark the muscular pump whose own supplying arteries may be blocked."],
         kb=["The descending aorta runs behind it, just to the left of the spine.",
             "The right lung is slightly larger than the left one.",
             "The oesophagus lies behind it, in front of the spine."],
         pop=("A resting adult heart beats about 60 to 100 times a minute.", "A resting adult heart beats about sixty to one hundred times a minute."),
         cmp=["It is much larger than the oesophagus next to it."]),
    dict(target="heart", mod="MR", shapes=[(272, 215, 68, 58)], others=["sternum", "vertebral body"],
         names=["the heart", "the whole heart", "the heart chambers"],
         give=["the heart", "the cardiac silhouette", "the cardiac chambers", "the heart muscle"],
         ask=["On this axial cine MR, which organ pumps blood through the lungs and around the body? Please segment it.",
              "Which organ here keeps blood flowing in one direction through four valves? Outline it please.",
              "Please mark the muscular pump that sits between the two lungs on this MR slice."],
         kb=["The descending aorta runs behind it, just to the left of the spine.",
             "The lungs give almost no MR signal, so they look black on either side.",
             "The oesophagus lies behind it, in front of the spine."],
         pop=("A resting adult heart beats about 60 to 100 times a minute.", "A resting adult heart beats about sixty to one hundred times a minute."),
         cmp=["It is much larger than the oesophagus behind it."]),
    dict(target="left ventricle", mod="MR", shapes=[(300, 222, 32, 36)], others=["sternum", "vertebral body", "aorta"],
         names=["the left ventricle", "the left ventricular cavity", "the main pumping chamber"],
         give=["the left ventricle", "the LV", "the left ventricular cavity", "the LV blood pool"],
         ask=["On this cine MR, which chamber of the heart pumps oxygen-rich blood through the aortic valve to the whole body? Segment it.",
              "Which heart chamber gives us the ejection fraction, the main measure of pumping strength? Please outline it.",
              "Please mark the thick-walled chamber that a cardiologist checks first in heart failure."],
         kb=["The right ventricle sits in front of it and to the patient's right.",
             "The left atrium lies behind and above it.",
             "The descending aorta runs beside the spine on the patient's left."],
         pop=("A normal ejection fraction is roughly 55 to 70%.", "A normal ejection fraction is roughly fifty-five to seventy percent."),
         cmp=["It is smaller than the whole heart, being one of its four chambers."]),
    dict(target="right atrium", mod="MR", shapes=[(222, 240, 22, 20)], others=["sternum", "vertebral body", "aorta"],
         names=["the right atrium", "the right atrial cavity"],
         give=["the right atrium", "the RA", "the right atrial chamber"],
         ask=["On this cine MR, which chamber receives the blood returning from the body through the great veins? Segment it.",
              "Which chamber of the heart houses the natural pacemaker that starts each heartbeat? Please outline it.",
              "Please mark the receiving chamber that blood enters from both venae cavae."],
         kb=["The left atrium is the most posterior chamber, just in front of the oesophagus.",
             "The superior vena cava enters it from above.",
             "The right ventricle lies in front of it."],
         pop=("Atrial fibrillation affects about 2% of adults.", "Atrial fibrillation affects about two percent of adults."),
         cmp=["It is smaller than the whole heart, being one of its four chambers."]),
    dict(target="esophagus", mod="CT", shapes=[(262, 302, 10, 9)], others=["sternum", "heart", "vertebral body"],
         names=["the oesophagus", "the esophagus", "the oesophageal wall and lumen"],
         give=["the oesophagus", "the esophagus", "the gullet", "the food pipe", "the oesophageal lumen"],
         ask=["Which muscular tube in this chest carries swallowed food and liquid down to the stomach? Please segment it.",
              "A patient has trouble swallowing solids. Please outline the tube that food passes through on its way to the stomach.",
              "Which structure moves food down by waves of muscle contraction? Mark it on this CT."],
         kb=["The descending aorta lies to its left and slightly behind it.",
             "The left atrium sits directly in front of it at this level.",
             "The trachea lies in front of it higher up, in the neck."],
         pop=("In adults it is about 25 cm long.", "In adults it is about twenty-five centimetres long."),
         cmp=["It is far smaller than the heart in front of it."]),
    dict(target="superior vena cava", mod="CT", shapes=[(212, 200, 13, 12)], others=["sternum", "vertebral body", "heart"],
         names=["the superior vena cava", "the SVC"],
         give=["the SVC", "the superior vena cava", "the vena cava above the heart", "the caval vein"],
         ask=["Which large vein returns blood from the head, neck and arms to the heart? Please segment it.",
              "A patient has a swollen face and distended neck veins. Please outline the vessel likely obstructed.",
              "Which vein receives the azygos from the back of the chest? Mark it on this CT."],
         kb=["The ascending aorta lies just to its left.",
             "The azygos vein arches over the right main bronchus to join it.",
             "The left brachiocephalic vein crosses the midline to reach it."],
         pop=("In adults it is roughly 7 cm long.", "In adults it is roughly seven centimetres long."),
         cmp=["It is much smaller than the heart below it."]),
    dict(target="left clavicle", mod="CT", shapes=[(335, 150, 42, 10)], others=["sternum", "heart", "vertebral body"],
         names=["the left clavicle", "the left collarbone"],
         give=["the left clavicle", "the left collarbone", "the clavicular shaft on the left", "the left collar bone"],
         ask=["Which bone on the patient's left holds the shoulder out from the chest? Please segment it.",
              "After a fall onto the outstretched left hand, which slender bone at the top of the chest is most often broken? Outline it.",
              "Which bone passes forces from the left arm to the trunk? Mark it please."],
         kb=["The right clavicle mirrors it on the other side.",
             "The subclavian vessels run beneath it.",
             "The first rib lies just below and behind it."],
         pop=("These bones account for about 5% of all adult fractures.", "These bones account for about five percent of all adult fractures."),
         cmp=["It is much smaller than the heart on this slice."]),
    dict(target="sternum", mod="CT", shapes=[(256, 142, 22, 11)], others=["heart", "vertebral body", "esophagus"],
         names=["the sternum", "the breastbone"],
         give=["the sternum", "the breastbone", "the sternal body", "the manubrium"],
         ask=["Which flat bone in this chest protects the heart and great vessels from the front? Please segment it.",
              "Which bone anchors the costal cartilages of the upper ribs? Outline it.",
              "Where would you do chest compressions? Please mark the bone that lies there."],
         kb=["The internal thoracic arteries run along both of its edges.",
             "The clavicles meet its upper end at the joints on either side.",
             "The heart lies directly behind its lower part."],
         pop=("In adults it is about 17 cm long.", "In adults it is about seventeen centimetres long."),
         cmp=["It is much smaller than the heart behind it."]),
    dict(target="spinal cord", mod="CT", shapes=[(256, 385, 9, 8)], others=["vertebral body", "heart", "sternum"],
         names=["the spinal cord", "the thoracic cord"],
         give=["the spinal cord", "the cord", "the thoracic cord", "the medulla spinalis"],
         ask=["Which nerve tissue inside the bony canal of the backbone carries signals between the brain and the body? Segment it.",
              "Which structure runs reflexes without the brain? Please outline it on this chest CT.",
              "A patient has weakness of both legs after a fall. Please mark the nerve tissue at risk inside the vertebral canal."],
         kb=["The vertebral body lies directly in front of it.",
             "The descending aorta runs in front of and to the left of the spine.",
             "The oesophagus runs in front of the spine, behind the heart."],
         pop=("In adults it ends around the L1 to L2 level.", "In adults it ends around the first or second lumbar vertebra."),
         cmp=["It is far smaller than the heart."]),
    dict(target="pericardial effusion", mod="CT", shapes="ring", others=["vertebral body", "sternum"],
         names=["the pericardial effusion", "the effusion", "the fluid around the heart"],
         give=["the pericardial effusion", "the effusion", "the pericardial fluid", "the fluid in the pericardium"],
         ask=["This patient has muffled heart sounds and a low-voltage ECG. Can you segment the fluid collection responsible?",
              "Please outline the rim of fluid that surrounds the heart in this breathless patient with low blood pressure.",
              "What is the low-density band wrapping around the heart on this CT? Please mark it."],
         kb=["The lungs lie on either side of it.",
             "The descending aorta runs behind it, beside the spine on the patient's left.",
             "The heart itself sits inside it."],
         pop=("The sac normally holds about 15 to 50 mL of fluid.", "The sac normally holds about fifteen to fifty millilitres of fluid."),
         cmp=["It is only a thin rim compared with the heart it surrounds."]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": "heart" if p["mod"] == "MR" else "thorax", "orientation": "LP"}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Bilateral and multi-region masks (both lungs, nodules) more often where a side or count defect sits."""
    multi = [p for p in profiles if p["target"] in ("lung", "lung tumour")]
    if defect in ("laterality", "count") and rng.random() < 0.45:
        return rng.choice(multi)
    return rng.choice(profiles)


# --- the mask and its facts -------------------------------------------------------------------------

def _ellipse(cx, cy, rx, ry):
    yy, xx = np.mgrid[0:H, 0:W]
    return ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def _nodules(rng: random.Random) -> np.ndarray:
    n = rng.choice([1, 2, 2, 3, 3, 4])
    where = rng.choice(["left", "right", "both"]) if n > 1 else rng.choice(["left", "right"])
    placed: list[tuple[float, float, float]] = []
    m = np.zeros((H, W), bool)
    while len(placed) < n:
        side = where if where != "both" else ("left", "right")[len(placed) % 2]
        cx, cy, rx, ry = LUNG[side]
        a, r = rng.uniform(0, 2 * np.pi), rng.uniform(0, 0.6)
        x, y, rad = cx + r * rx * np.cos(a), cy + r * ry * np.sin(a), rng.uniform(5, 12)
        if all((x - u) ** 2 + (y - v) ** 2 > (rad + q + 6) ** 2 for u, v, q in placed):
            placed.append((x, y, rad))
            m |= _ellipse(x, y, rad, rad * rng.uniform(0.8, 1.0))
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import Body, patient_frame

    j = lambda v, s: v + rng.uniform(-s, s)  # noqa: E731
    if p["shapes"] == "nodules":
        mask = _nodules(rng)
    elif p["shapes"] == "ring":
        cx, cy, rx, ry = j(272, 5), j(215, 5), j(82, 4), j(72, 4)
        t = rng.uniform(9, 15)
        mask = _ellipse(cx, cy, rx, ry) & ~_ellipse(cx, cy, rx - t, ry - t)
    else:
        mask = np.zeros((H, W), bool)
        for cx, cy, rx, ry in p["shapes"]:
            mask |= _ellipse(j(cx, 5), j(cy, 5), rx * rng.uniform(0.92, 1.08), ry * rng.uniform(0.92, 1.08))
    bx, by, brx, bry = BODY
    body_mask = _ellipse(bx, by, brx, bry)
    body = Body(centre=(bx, by), bbox=(int(bx - brx), int(by - bry), int(bx + brx), int(by + bry)),
                area=int(body_mask.sum()), touches=(False, False, False, False))
    frame = patient_frame((H, W), "LP", body=body)
    others = {k: (v[0] / (W - 1), v[1] / (H - 1)) for k, v in ANAT.items() if k in p["others"]}
    return compute_facts(mask, "LP", others=others, frame=frame).model_dump(mode="json")


# --- numbers and small helpers ------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n >= 100:
        return "one hundred"
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def pct(p: float, style: str, rng: random.Random) -> str:
    """An area percent (p in percent of the image) the way the register writes it."""
    if style == "words":
        return rng.choice(["less than one percent", "under one percent", "well below one percent"]) if p < 1 \
            else f"about {words(round(p))} percent"
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"~{p:.2f}%", f"roughly {p:.1f} percent"])
    return rng.choice([f"about {p:.1f}%", f"~{round(p)}%", f"roughly {round(p)} percent"])


def the(other: str) -> str:
    return "the " + {"esophagus": "oesophagus"}.get(other, other)


REL = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "left_of": ["to the patient's left of", "left of"],
       "right_of": ["to the patient's right of", "right of"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
VERT = {"anterior": (["Anterior.", "Anterior position.", "Front of the chest."],
                     ["It sits toward the front of the chest.", "It lies anteriorly, closer to the front chest wall.",
                      "Front to back, it is in the anterior part of the chest."],
                     ["**Depth:** anterior (toward the front) ⬆️", "**Front/back:** anterior"]),
        "posterior": (["Posterior.", "Posterior position.", "Back of the chest."],
                      ["It lies toward the back of the chest.", "It sits posteriorly, closer to the back than the front.",
                       "Front to back, it is in the posterior part of the chest."],
                      ["**Depth:** posterior (toward the back) ⬇️", "**Front/back:** posterior"]),
        "central": (["Mid-depth front to back.", "Central in the AP direction."],
                    ["Front to back, it sits roughly in the middle of the chest.",
                     "It is neither clearly anterior nor clearly posterior; it spans the middle of the chest."],
                    ["**Depth:** central (mid-chest, front to back)", "**Front/back:** roughly in the middle"])}
SIZE_WORD = {"small": ["small", "small"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "big"]}
WRONG_SIZE = {"small": ["large", "huge, filling much of the chest"], "medium": ["very large, taking up most of the chest",
              "enormous, the biggest thing on the slice"], "large": ["tiny", "very small"]}
CONVENTION = ["By radiological convention axial slices are viewed from the feet, so the patient's left appears on the right of the screen.",
              "Remember the display is flipped: image right is patient left.",
              "Axial CT and MR are shown as if you were looking up from the patient's feet, so left and right swap on screen."]
EMOJI = {"lung": "🫁", "heart": "❤️", "bone": "🦴"}


def _si(style: str) -> int:
    return {"terse": 0, "tutor": 1, "words": 1, "mdchat": 2}[style]


def _noun(p: dict, n: int) -> str:
    return "nodules" if p["target"] == "lung tumour" else "regions" if n > 1 else "region"


# --- true sentences, from the facts --------------------------------------------------------------------

def side_true(side: str, style: str, rng: random.Random) -> str:
    s = _si(style)
    if side in OPP:
        o = OPP[side]
        return rng.choice([[f"{cap(side)}-sided.", f"Side: patient's {side}.", f"Patient's {side}, not {o}."],
                           [f"It lies on the patient's {side} side.",
                            f"Notice that it is on the patient's {side}, which is the {o}-hand side of your screen.",
                            f"You will find it in the patient's {side} half of the chest."],
                           [f"**Side:** {side} (the patient's {side})", f"**Laterality:** patient's {side}"]][s])
    if side == "midline":
        return rng.choice([["Midline.", "Side: midline.", "Central, on the midline."],
                           ["It sits in the midline of the chest, not off to one side.",
                            "Notice that it straddles the midline."],
                           ["**Side:** midline (centre of the chest)", "**Laterality:** midline"]][s])
    return rng.choice([["Bilateral.", "Both sides, left and right.", "Side: bilateral."],
                       ["It is bilateral: there is a part on the patient's right and a part on the patient's left.",
                        "Notice that both sides are involved, the patient's left and right."],
                       ["**Side:** bilateral (left and right) ↔️", "**Laterality:** both sides"]][s])


def rel_true(rel: dict, style: str, rng: random.Random, flip: bool = False) -> str:
    r = FLIP[rel["relation"]] if flip else rel["relation"]
    phrase, other = rng.choice(REL[r]), the(rel["other"])
    return rng.choice([[f"{cap(phrase)} {other}.", f"Sits {phrase} {other}."],
                       [f"It lies {phrase} {other}.", f"You can see that it sits {phrase} {other}."],
                       [f"**Neighbour:** {phrase} {other}", f"**Relation:** sits {phrase} {other}"]][_si(style)])


def size_true(cls: str, p: float, style: str, rng: random.Random, wrong_pct: bool = False, wrong_cls: bool = False) -> str:
    word = rng.choice(WRONG_SIZE[cls] if wrong_cls else SIZE_WORD[cls])
    false_p = p * 5 + 15 if p * 5 + 15 < 80 else p / 8  # clearly wrong, never above 100%
    share = pct(false_p, style, rng) if wrong_pct else pct(p, style, rng)
    s = _si(style)
    if wrong_pct:  # a false percent next to no class word
        return rng.choice([[f"Covers {share} of the image."], [f"It covers {share} of the image on this slice."],
                           [f"**Area:** {share} of the image"]][s])
    return rng.choice([[f"{cap(word)}, {share} of the image.", f"Size: {word} ({share} of image area)."],
                       [f"It is {word} on this slice, covering {share} of the image.",
                        f"In terms of size it is {word}: {share} of the whole image."],
                       [f"**Size:** {word}, {share} of the image 📏", f"**Area:** {share} of the image ({word})"]][s])


def count_true(p: dict, n: int, style: str, rng: random.Random, wrong: bool = False) -> str:
    s = _si(style)
    if wrong:
        if n == 1:
            k = rng.choice([2, 3])
            opts = [[f"{k} separate components.", "Split into two separate pieces."],
                    [f"It is split into {words(k)} distinct pieces on this slice.", f"Notice that it shows {words(k)} separate regions."],
                    [f"**Regions:** {k} separate parts", f"**Pieces:** {k}, not connected"]]
        else:
            opts = [["Single connected region.", "One contiguous component."],
                    ["It is one single connected region.", "Notice that it forms just one continuous piece."],
                    ["**Regions:** 1 (one connected piece)", "**Pieces:** a single region"]]
            if rng.random() < 0.4:
                k = n + 2
                opts = [[f"{k} separate {_noun(p, k)}."], [f"There are {words(k)} separate {_noun(p, k)}."],
                        [f"**Regions:** {k} separate {_noun(p, k)}"]]
        return rng.choice(opts[s])
    if n == 1:
        return rng.choice([["Single component.", "One contiguous region.", "Solitary, no second focus."],
                           ["It forms one continuous region.", "It is a single connected piece."],
                           ["**Regions:** 1 (one connected piece)", "**Pieces:** just one"]][s])
    noun = _noun(p, n)
    return rng.choice([[f"{n} separate {noun}.", f"{n} components."],
                       [f"There are {words(n)} separate {noun}.", f"Notice that it is made of {words(n)} separate {noun}."],
                       [f"**Regions:** {n} separate {noun}", f"**Pieces:** {n}, not connected"]][s])


def vert_true(v: str, style: str, rng: random.Random) -> str:
    return rng.choice(VERT[v][_si(style)])


# --- false sentences, one per defect kind -------------------------------------------------------------

def side_false(side: str, style: str, rng: random.Random) -> str:
    s = _si(style)
    if side in OPP:
        o = OPP[side]
        return rng.choice([[f"{cap(o)}-sided.", f"Side: patient's {o}.", f"Lies in the {o} hemithorax."],
                           [f"It lies on the patient's {o} side.",
                            f"Notice that it is on the patient's {o}, which is the {side}-hand side of your screen."],
                           [f"**Side:** {o} (the patient's {o})", f"**Laterality:** patient's {o}"]][s])
    x = rng.choice(["left", "right"])
    if side == "midline":
        return rng.choice([[f"{cap(x)}-sided, off the midline."],
                           [f"It lies clearly on the patient's {x}, well away from the midline."],
                           [f"**Side:** {x}, clearly off the midline"]][s])
    return rng.choice([[f"Unilateral, {x} side only."],
                       [f"It is confined to the patient's {x} side; the other side is not involved."],
                       [f"**Side:** {x} only"]][s])


def pos_false(facts: dict, style: str, rng: random.Random) -> str:
    rels, v = facts["relations"], facts["vertical"]
    if rels and (v == "central" or rng.random() < 0.5):
        return rel_true(rng.choice(rels), style, rng, flip=True)
    if v == "central":
        return ["Far back, against the posterior chest wall.", "It lies far back, against the posterior chest wall.",
                "**Depth:** far posterior, against the back wall"][_si(style)]
    return vert_true({"anterior": "posterior", "posterior": "anterior"}[v], style, rng)


def user_false(kind: str, p: dict, facts: dict, rng: random.Random) -> str:
    """A follow-up question whose premise is the one false claim."""
    side, v, cls, n = facts["laterality"], facts["vertical"], facts["size_class"], facts["components"]
    if kind == "laterality":
        if side in OPP:
            return rng.choice([f"Since it sits on the patient's {OPP[side]}, what else lies close to it?",
                               f"OK. And because it's on the {OPP[side]} side of the patient, anything nearby I should know?"])
        x = rng.choice(["left", "right"])
        if side == "midline":
            return f"Given that it sits well over on the patient's {x}, what lies around it?"
        return f"Since only the patient's {x} side is involved, what else lies close by?"
    if kind == "position":
        if facts["relations"] and (v == "central" or rng.random() < 0.5):
            r = rng.choice(facts["relations"])
            return f"Since it lies {rng.choice(REL[FLIP[r['relation']]])} {the(r['other'])}, what else is nearby?"
        wrong = {"anterior": "toward the back of the chest", "posterior": "right up at the front of the chest",
                 "central": "far back against the posterior chest wall"}[v]
        return f"Given that it sits {wrong}, what else is nearby?"
    if kind == "size":
        return {"small": "Why does it look so large on this slice?", "medium": "Why is it so enormous on this slice?",
                "large": "Why does it look so tiny on this slice?"}[cls]
    return "Why does it show up as two separate pieces here?" if n == 1 else \
        "Why is there only a single connected region here?"


# --- the conversation --------------------------------------------------------------------------------

FOLLOW_Q = {"side": ["Which side is it on?", "Left or right, then?", "Is it on the patient's left or right?",
                     "Sorry, I always mix this up with the flipped display: which side of the patient is it on?"],
            "pos": ["Is it toward the front or the back?", "What lies next to it?", "Where does it sit front to back?"],
            "size": ["How big is it?", "How large is it on this slice?", "Roughly what share of the image does it cover?"],
            "count": ["Is it one piece?", "How many separate regions are there?", "Is that a single region or several?"],
            "why": ["Why does that matter?", "Why is that so?", "What else should I know about it?"]}
KIND_TOPIC = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


def topic_true(topic: str, p: dict, facts: dict, style: str, rng: random.Random) -> list[str]:
    if topic == "side":
        return [side_true(facts["laterality"], style, rng)]
    if topic == "pos":
        out = [vert_true(facts["vertical"], style, rng)]
        rels = list(facts["relations"])
        rng.shuffle(rels)
        out += [rel_true(r, style, rng) for r in rels[:rng.choice([1, 2])]]
        return out
    if topic == "size":
        return [size_true(facts["size_class"], facts["area_fraction"] * 100, style, rng)]
    if topic == "count":
        return [count_true(p, facts["components"], style, rng)]
    return [p["pop"][1] if style == "words" else p["pop"][0]]


def topic_false(kind: str, p: dict, facts: dict, style: str, rng: random.Random) -> str:
    if kind == "laterality":
        return side_false(facts["laterality"], style, rng)
    if kind == "position":
        return pos_false(facts, style, rng)
    if kind == "size":
        r = rng.random()
        return size_true(facts["size_class"], facts["area_fraction"] * 100, style, rng,
                         wrong_pct=r < 0.35, wrong_cls=r >= 0.35)
    return count_true(p, facts["components"], style, rng, wrong=True)


def traps(p: dict, facts: dict, style: str, rng: random.Random, skip: str | None) -> list[str]:
    """True sentences a careless checker misreads: convention, negations, other structures, numbers."""
    side, n, cls = facts["laterality"], facts["components"], facts["size_class"]
    out = [rng.choice(CONVENTION), *p["kb"], rng.choice(p["cmp"]), p["pop"][1] if style == "words" else p["pop"][0]]
    if skip != "side":
        if side in OPP:
            o = OPP[side]
            out += [rng.choice([f"It does not cross to the patient's {o}.", f"It is not on the {o} side.",
                                f"On screen it appears on the image's {o}, which is the patient's {side}."])]
        elif side == "midline":
            out += ["It is not off to one side."]
        else:
            out += [rng.choice(["It is not confined to one side.", "Neither side is spared."])]
    if skip != "count":
        out += [rng.choice(["No second focus is seen.", "It is not split into separate pieces."]) if n == 1 else
                rng.choice(["It is not a single blob.", "They do not join up into one region."])]
    if skip != "size":
        out += [{"small": "It is not large.", "large": "It is certainly not small.",
                 "medium": "It is neither tiny nor huge."}[cls]]
    return out


def _ident(p: dict, style: str, rng: random.Random) -> str:
    name = rng.choice(p["names"])
    emoji = EMOJI["lung"] if "lung" in p["target"] else EMOJI["heart"] if p["mod"] == "MR" or "heart" in p["target"] \
        else EMOJI["bone"] if p["target"] in ("sternum", "left clavicle") else "🩻"
    return rng.choice({
        "terse": [f"{SEG} {cap(name)}.", f"Segmented: {SEG}. This is {name}.", f"{cap(name)}: {SEG}."],
        "tutor": [f"Good question. The structure you're describing is {name}, and I've outlined it here: {SEG}.",
                  f"That would be {name}. Here is the segmentation: {SEG}."],
        "mdchat": [f"## {emoji} Found it!\n\nThat's **{name}** — here's the mask: {SEG}",
                   f"### ✅ Answer\n**{cap(name)}** is highlighted here: {SEG}"],
        "words": [f"This is most likely {name}, shown here: {SEG}.", f"The segmentation of {name} is here: {SEG}."],
    }[style])


def render(style: str, head: str | None, facts_part: list[str], extra: list[str], rng: random.Random) -> str:
    if style == "mdchat":
        parts = [head] if head else []
        parts.append(rng.choice(["### 📍 Where and how big", "### 🔎 Key findings", "### Details"]) + "\n" +
                     "\n".join("- " + s for s in facts_part))
        if extra:
            parts.append(rng.choice(["### 💡 Good to know", "### 📚 Context"]) + "\n" + "\n".join("- " + s for s in extra))
        parts.append(rng.choice(["Let me know if you'd like more detail! 😊", "Hope that helps! 🙌", "Happy to dig deeper."]))
        return "\n\n".join(parts)
    if style == "tutor" and head:
        return head + " " + " ".join(facts_part) + ("\n\n" + " ".join(extra) if extra else "")
    return " ".join(([head] if head else []) + facts_part + extra)


def _fa(style: str, sents: list[str], p: dict, rng: random.Random) -> str:
    """A follow-up answer; a terse one-liner gets a true sentence about a neighbour so it is a full turn."""
    if style == "terse" and len(" ".join(sents)) < 40:
        sents = sents + [rng.choice(p["kb"])]
    return render(style, None, sents, [], rng) if style == "mdchat" else " ".join(sents)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    if facts["components"] == 1 and "names1" in p:  # singular wording for a single nodule
        p = {**p, "names": p["names1"], "ask": p["ask1"], "cmp": p["cmp1"]}
    topic = KIND_TOPIC.get(defect)
    place = None
    if topic:
        r = rng.random()
        place = "user" if r < 0.2 else "follow" if r < 0.45 else "first"
    lead = {"terse": "", "tutor": rng.choice(["I'm a second-year student. ", "Quick anatomy question. ", ""]),
            "mdchat": rng.choice(["Hey! ", "Hi there. ", ""]), "words": ""}[style]
    if defect == "names_target":
        g = rng.choice(p["give"])
        where = "this MR slice" if p["mod"] == "MR" else "this chest CT"
        verb = "are" if g.endswith("s") else "is"
        q = rng.choice([f"Please segment {g} on {where}.", f"Where {verb} {g} on this slice? Outline it, please.",
                        f"Can you mark {g} here and tell me how big it is?"])
    else:
        q = rng.choice(p["ask"])
    q = lead + q
    if "?" not in q:  # every first question asks something
        q += rng.choice([" Can you do that?", " Could you?"] if defect == "names_target" else
                        [" Which structure is it?", " Can you do that?", " What is it called?"])
    first_topics = ["side", "pos", "size", "count"]
    if place in ("user", "follow"):
        first_topics.remove(topic)
    elif rng.random() < 0.25:
        first_topics.remove(rng.choice(["size", "count"]))
    fact_sents = []
    for t in first_topics:
        if place == "first" and t == topic:
            fact_sents.append(topic_false(defect, p, facts, style, rng))
        else:
            fact_sents += topic_true(t, p, facts, style, rng)
    skip = topic if place in ("user", "follow", "first") else None
    pool = traps(p, facts, style, rng, skip)
    extra = rng.sample(pool, k=min(len(pool), {"terse": 2, "tutor": 4, "mdchat": 3, "words": 3}[style]))
    if style == "tutor" and CONVENTION[0] not in extra and not any(c in extra for c in CONVENTION):
        extra.insert(0, rng.choice(CONVENTION))
    turns = [{"role": "user", "content": q},
             {"role": "assistant", "content": render(style, _ident(p, style, rng), fact_sents, extra, rng)}]
    # second round
    left = [t for t in ("side", "pos", "size", "count", "why") if t not in first_topics]
    if place == "follow":
        fq = rng.choice(FOLLOW_Q[topic])
        fa = _fa(style, [topic_false(defect, p, facts, style, rng)], p, rng)
        turns += [{"role": "user", "content": fq}, {"role": "assistant", "content": fa}]
    elif place == "user":
        fq = user_false(defect, p, facts, rng)
        kb = rng.sample(p["kb"], 2)
        body = kb if defect != "size" else ["Apparent size on one slice depends on the level of the cut and on the patient's build."] + kb[:1]
        if defect == "count":
            body = ["How a structure looks on one slice depends on the level of the cut."] + kb[:1]
        turns += [{"role": "user", "content": fq},
                  {"role": "assistant", "content": render(style, None, body, [], rng) if style == "mdchat" else " ".join(body)}]
    elif rng.random() < 0.8:
        t = rng.choice(left + ["side", "size"])
        sents = topic_true(t, p, facts, style, rng)
        if t == "why":
            sents = sents + [rng.choice(p["kb"])]
        turns += [{"role": "user", "content": rng.choice(FOLLOW_Q[t])},
                  {"role": "assistant", "content": _fa(style, sents, p, rng)}]
    # an optional third round, always true
    if len(turns) == 4 and rng.random() < 0.35:
        t = rng.choice([x for x in ("side", "pos", "size", "count", "why") if x != topic])
        sents = topic_true(t, p, facts, style, rng)
        if t == "why":
            sents.append(rng.choice(p["kb"]))
        turns += [{"role": "user", "content": rng.choice(FOLLOW_Q[t])},
                  {"role": "assistant", "content": _fa(style, sents, p, rng)}]
    return turns, [defect] if defect else []
