"""Bank GO: ICU and ward portable chest films and chest CT, crowded with lines and tubes.

The targets are anatomy or findings (pneumothorax, effusions, consolidation, collapse, the heart, the
lungs, the trachea, free air, surgical emphysema, pericardial fluid); the prose around them is full of
devices with their own sides and positions (endotracheal tube tip above the carina, right IJ and left
subclavian lines, chest drains, NG tubes below the diaphragm, pacemakers in the left chest wall), and of
general knowledge with numbers and sides. Registers: an ICU registrar's ward-round note (`wardround`),
a night radiology resident's quick read (`nightread`), a nurse's handover question answered by an
assistant (`handover`), and an LLM assistant's structured device checklist (`checklist`).

Written blind (without reading any QC rule) by helper qcgo. Every claim about the target is generated
from the facts computed on the row's own synthetic mask and kept in a ledger (`_build`), which the
writer's own checker re-derives and verifies.

Own check: rows 420, clean 210, defects 210 (laterality 42, position 42, size 42, count 42, names_target 42); planted in first answer 68, follow-up answer 60, user premise 40; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

H = W = 256

# --------------------------------------------------------------------------------------------------
# targets
# shape specs: ("ell", cx, cy, rx, ry) in normalised image units, jittered; "multi" draws n blobs.
# XR films are "LI" (patient's left on the image right, feet down); CT axial is "LP" or, for a series
# displayed from the head, "RP".

XR_OTHERS = {"carina": (0.5, 0.33), "cardiac silhouette": (0.55, 0.62), "right hemidiaphragm": (0.3, 0.74),
             "left hemidiaphragm": (0.7, 0.78), "aortic knuckle": (0.58, 0.27)}
CT_OTHERS = {"descending aorta": (0.58, 0.62), "sternum": (0.5, 0.15), "thoracic spine": (0.5, 0.8),
             "oesophagus": (0.52, 0.55)}
CT_OTHERS_RP = {"descending aorta": (0.42, 0.62), "sternum": (0.5, 0.15), "thoracic spine": (0.5, 0.8),
                "oesophagus": (0.48, 0.55)}


def _p(target, short, mod, orient, shape, clues, giveaway, drain, others, extras, sided=True, namesq=None):
    return {"target": target, "short": short, "mod": mod, "orient": orient, "shape": shape, "clues": clues,
            "giveaway": giveaway, "drain": drain, "others": others, "extras": extras, "sided": sided,
            "namesq": namesq or target}


PROFILES = [
    _p("right pneumothorax", "pneumothorax", "XR", "LI", ("ell", 0.2, 0.3, 0.07, 0.14),
       ["the sats dropped to 84% and the peak pressures climbed straight after the subclavian line attempt",
        "breath sounds went quiet on one side an hour after the line went in, and the ventilator is alarming on high pressures",
        "there's a new hyperlucent area with no lung markings beyond a thin white line near the apex"],
       ["pneumothorax", "pneumothoraces", "ptx"], "no drain on that side yet",
       XR_OTHERS, ["The left lung is expanded.", "No effusion on either side.", "No mediastinal shift that I can call."]),
    _p("left pneumothorax", "pneumothorax", "XR", "LI", ("ell", 0.8, 0.28, 0.07, 0.13),
       ["the patient desaturated after the pacing wire was repositioned and there's a visible edge near the apex",
        "there's surgical air in the neck and the ventilator pressures went up after the line attempt",
        "air seems to have collected where there should be lung, with a fine edge parallel to the chest wall"],
       ["pneumothorax", "pneumothoraces", "ptx"], "a 12 Fr pigtail was suggested but is not in yet",
       XR_OTHERS, ["The right lung looks fine.", "The costophrenic angles are sharp.", "No free gas under the diaphragm."]),
    _p("left pleural effusion", "pleural effusion", "XR", "LI", ("ell", 0.76, 0.78, 0.13, 0.1),
       ["the base is dull to percussion and the film shows a meniscus blunting the costophrenic angle",
        "fluid balance is 6 litres positive and there's a new opacity with a meniscus at the base",
        "the ultrasound on round showed an anechoic collection above the diaphragm"],
       ["effusion", "effusions", "pleural fluid", "hydrothorax"], "no drain placed yet",
       XR_OTHERS, ["The right costophrenic angle is sharp.", "No pneumothorax.", "The heart size is hard to judge on an AP film."]),
    _p("right pleural effusion", "pleural effusion", "XR", "LI", ("ell", 0.24, 0.76, 0.14, 0.1),
       ["there's a homogeneous opacity at the base with a meniscus and the hemidiaphragm is lost",
        "after the liver resection the base sounds stony dull and the film has a fluid level",
        "bedside ultrasound showed a dark collection above the liver"],
       ["effusion", "effusions", "pleural fluid", "hydrothorax"], "a basal drain is planned under ultrasound",
       XR_OTHERS, ["The left base is clear.", "No pneumothorax.", "Lung volumes are low, as expected on a supine film."]),
    _p("bilateral pleural effusions", "pleural effusions", "XR", "LI", ("pair", 0.25, 0.76, 0.11, 0.09),
       ["he's fluid overloaded with an albumin of 19 and both bases are dull",
        "both costophrenic angles look blunted on this supine film and she's 8 litres positive",
        "the basal opacities with menisci have grown since the last film"],
       ["effusion", "effusions", "pleural fluid"], "no drains in",
       XR_OTHERS, ["No pneumothorax.", "The upper zones are clear.", "There is upper lobe venous diversion."], sided=False),
    _p("heart", "heart", "XR", "LI", ("ell", 0.54, 0.62, 0.16, 0.12),
       ["the cardiothoracic ratio looks big and we're wondering whether it's real or just AP magnification",
        "the pacing wire leads go into this structure, and the echo showed a dilated LV",
        "this is the organ the PA catheter is floated through"],
       ["heart", "cardiac", "cardiomegaly"], "no drain",
       {k: v for k, v in XR_OTHERS.items() if k != "cardiac silhouette"},
       ["Both lungs are reasonably aerated.", "No pneumothorax.", "The costophrenic angles are clear."], sided=False),
    _p("trachea", "trachea", "XR", "LI", ("ell", 0.5, 0.2, 0.025, 0.1),
       ["the ETT sits in this airway and I want to know whether it's deviated by the goitre",
        "the tube's cuff sits inside this structure and the tip should be a few cm above where it divides",
        "I want to see the airway column above the carina to check for deviation"],
       ["trachea", "tracheal", "windpipe", "endotracheal"], "no drain",
       {k: v for k, v in XR_OTHERS.items() if k != "carina"},
       ["The lungs are clear.", "No pneumothorax on either side.", "The mediastinum is not widened."], sided=False),
    _p("right lower lobe consolidation", "consolidation", "XR", "LI", ("ell", 0.27, 0.66, 0.1, 0.08),
       ["he aspirated at intubation and now has a new fever and purulent secretions",
        "the sputum grew Klebsiella and there's a new air-bronchogram opacity low on one side",
        "the new airspace opacity explains the worsening oxygenation since yesterday"],
       ["consolidation", "pneumonia", "lower lobe"], "no drain",
       XR_OTHERS, ["The left lung is clear.", "No effusion.", "No pneumothorax."]),
    _p("left lower lobe collapse", "collapse", "XR", "LI", ("ell", 0.63, 0.7, 0.07, 0.07),
       ["there's a sail sign behind the heart and the left hemidiaphragm is lost",
        "mucus plugging is suspected and there's a triangular density behind the cardiac shadow",
        "the physio says air entry dropped at the base after extubation"],
       ["collapse", "atelectasis", "lower lobe"], "no drain",
       XR_OTHERS, ["The right lung is well expanded.", "No pneumothorax.", "No effusion on the right."]),
    _p("lungs", "lungs", "XR", "LI", ("pair", 0.28, 0.5, 0.14, 0.26),
       ["I want to measure how aerated the gas-exchanging organs are on this ARDS patient's film",
        "the recruitment manoeuvre should have opened these up; show me the aerated parenchyma",
        "we're scoring the RALE on the organs where gas exchange happens"],
       ["lung", "lungs", "pulmonary"], "no drain",
       XR_OTHERS, ["No pneumothorax.", "No large effusion.", "The heart is not enlarged."], sided=False),
    _p("multifocal consolidation", "consolidation", "XR", "LI", ("multi", 0.5, 0.6, 0.05, 0.05),
       ["the COVID patient's oxygen requirement doubled overnight and there are new patchy opacities",
        "she has aspiration pneumonitis with several new airspace opacities since admission",
        "the ventilator-associated infection workup shows new patchy shadowing in several places"],
       ["consolidation", "pneumonia", "multifocal"], "no drain",
       XR_OTHERS, ["No pneumothorax.", "No effusion.", "The mediastinum is central."], sided=False),
    _p("subcutaneous emphysema", "subcutaneous emphysema", "XR", "LI", ("wall", 0.9, 0.5, 0.03, 0.05),
       ["the skin crackles under the fingers around the drain site",
        "there's crepitus over the chest wall and the drain has stopped swinging",
        "gas is tracking in the soft tissues of the chest wall"],
       ["emphysema", "surgical air", "subcutaneous"], "a 28 Fr drain is in situ",
       XR_OTHERS, ["The lung edges are not visible.", "No effusion.", "No free gas under the diaphragm."]),
    _p("pneumoperitoneum", "pneumoperitoneum", "XR", "LI", ("ell", 0.32, 0.86, 0.09, 0.025),
       ["after the PEG went in there's a lucent crescent under the diaphragm",
        "she had a laparotomy three days ago and there's a lucent crescent beneath the dome",
        "there's abdominal distension and a lucency outlining both sides of the bowel wall"],
       ["pneumoperitoneum", "free air", "free gas", "free intraperitoneal"], "no drain",
       XR_OTHERS, ["The lungs are clear.", "No pneumothorax.", "The NG tube tip is in the stomach."]),
    _p("right upper lobe collapse", "collapse", "XR", "LI", ("ell", 0.32, 0.28, 0.08, 0.07),
       ["the ETT was too deep yesterday and now there's a dense triangular opacity with the horizontal fissure pulled up",
        "after the tube was advanced there's volume loss high on one side",
        "the Golden S sign is there and the fissure is elevated"],
       ["collapse", "atelectasis", "upper lobe"], "no drain",
       XR_OTHERS, ["The left lung is clear.", "No pneumothorax.", "No effusion."]),
    # CT
    _p("right pleural effusion", "pleural effusion", "CT", "LP", ("ell", 0.27, 0.76, 0.14, 0.09),
       ["the CT for sepsis source shows a dependent fluid collection with a meniscus",
        "the CT shows fluid layering dependently and compressing the adjacent lobe",
        "we need to know what to drain before the surgeons take him back"],
       ["effusion", "effusions", "pleural fluid", "hydrothorax"], "no drain yet",
       CT_OTHERS, ["The left lung is clear.", "No pneumothorax.", "The lines are where they should be."]),
    _p("left pneumothorax", "pneumothorax", "CT", "LP", ("ell", 0.74, 0.27, 0.09, 0.06),
       ["the trauma CT shows air collecting in the non-dependent pleural space after the rib fractures",
        "the CT after the failed line shows a dark crescent with no lung markings",
        "air has collected anteriorly where the lung has fallen away"],
       ["pneumothorax", "pneumothoraces", "ptx"], "no drain yet",
       CT_OTHERS, ["The right lung is expanded.", "No haemothorax.", "The mediastinum is central."]),
    _p("pericardial effusion", "pericardial effusion", "CT", "LP", ("ring", 0.53, 0.45, 0.18, 0.14),
       ["after the cardiac surgery the BP is falling and the CVP is rising",
        "there's a fluid rim around the pump on the post-op CT and we're worried about pressure on the ventricles",
        "the echo couldn't get windows but the CT shows fluid around the ventricles"],
       ["pericardial", "effusion", "tamponade"], "mediastinal drains removed yesterday",
       CT_OTHERS, ["No pleural effusions.", "No pneumothorax.", "The sternal wires are intact."], sided=False),
    _p("bilateral dependent atelectasis", "atelectasis", "CT", "LP", ("pair", 0.3, 0.78, 0.1, 0.06),
       ["the paralysed, supine patient has dense airless lung at the back on both sides",
        "we want to see where the lung has lost its air because of gravity before proning",
        "the density at the back of both lungs is what we hope proning will re-open"],
       ["atelectasis", "collapse", "dependent"], "no drains",
       CT_OTHERS, ["No pneumothorax.", "No large effusion.", "The ETT is in the trachea."], sided=False),
    _p("left empyema", "empyema", "CT", "LP", ("multi_side", 0.74, 0.72, 0.06, 0.05),
       ["the CT shows fluid split into compartments with enhancing pleura and the pH was 6.9",
        "the drained fluid was thick and foul-smelling and there are residual pockets on the CT",
        "the split pleura sign is there and the fever hasn't settled on antibiotics"],
       ["empyema", "pus", "loculated"], "a 14 Fr pigtail is in one pocket",
       CT_OTHERS, ["The right lung is clear.", "No pneumothorax.", "No pericardial fluid."]),
    _p("left pleural effusion", "pleural effusion", "CT", "RP", ("ell", 0.27, 0.76, 0.13, 0.09),
       ["on this CT series (displayed from the head) there's dependent fluid with a meniscus",
        "the renal patient's CT shows layering fluid compressing a lower lobe",
        "there's a crescent of fluid density against the posterior chest wall"],
       ["effusion", "effusions", "pleural fluid", "hydrothorax"], "no drain yet",
       CT_OTHERS_RP, ["The right base is clear.", "No pneumothorax.", "The CVC tip is in the SVC."]),
    _p("right lower lobe consolidation", "consolidation", "CT", "LP", ("ell", 0.3, 0.68, 0.1, 0.08),
       ["the CT shows an air-bronchogram opacity in a dependent lobe after aspiration",
        "the ventilated patient has a new dense opacity with air bronchograms on CT",
        "the sputum grew Pseudomonas and the CT shows a new airspace opacity at the back"],
       ["consolidation", "pneumonia", "lower lobe"], "no drain",
       CT_OTHERS, ["The left lung is clear.", "No effusion.", "No pneumothorax."]),
]


# --------------------------------------------------------------------------------------------------
# masks and facts

def _ellipse(cx, cy, rx, ry):
    yy, xx = np.mgrid[0:H, 0:W]
    return ((xx / (W - 1) - cx) / rx) ** 2 + ((yy / (H - 1) - cy) / ry) ** 2 <= 1.0


def _draw(p, rng):
    """The mask of one row, jittered by `rng` (the only source of randomness)."""
    kind, cx, cy, rx, ry = p["shape"]
    j = lambda s: rng.uniform(-s, s)
    scale = rng.choice([0.55, 0.8, 1.0, 1.25])
    if kind == "ell":
        return _ellipse(cx + j(0.02), cy + j(0.02), rx * scale, ry * scale)
    if kind == "ring":
        a, b = rx * scale, ry * scale
        return _ellipse(cx + j(0.02), cy, a, b) & ~_ellipse(cx, cy, a * 0.78, b * 0.78)
    if kind == "pair":
        dx = rng.uniform(0.0, 0.015)
        m = _ellipse(cx + j(0.02), cy + j(0.02), rx * scale, ry * scale)
        m |= _ellipse(1.0 - cx + dx + j(0.02), cy + j(0.03), rx * scale * rng.uniform(0.7, 1.1), ry * scale)
        return m
    if kind == "multi":
        n = rng.choice([2, 3, 4, 5])
        m = np.zeros((H, W), bool)
        spots = [(0.26, 0.35), (0.74, 0.4), (0.3, 0.62), (0.7, 0.66), (0.22, 0.5), (0.78, 0.55)]
        order = list(range(len(spots)))
        rng.shuffle(order)
        for k in order[:n]:
            sx, sy = spots[k]
            m |= _ellipse(sx + j(0.02), sy + j(0.02), rx * scale * rng.uniform(0.8, 1.3), ry * scale)
        return m
    if kind == "multi_side":
        n = rng.choice([1, 2, 3])
        m = np.zeros((H, W), bool)
        for k in range(n):
            m |= _ellipse(cx + j(0.02) + 0.06 * (k % 2), cy - 0.14 * k + j(0.01), rx * scale, ry * scale)
        return m
    if kind == "wall":
        n = rng.choice([1, 2, 3, 4])
        m = np.zeros((H, W), bool)
        for k in range(n):
            m |= _ellipse(cx + j(0.015), 0.3 + 0.13 * k + j(0.01), rx * scale, ry * scale)
        return m
    raise ValueError(kind)


def _inputs(p, rng):
    return _draw(p, rng), p["orient"], dict(p["others"])


def facts_for(p, rng):
    mask, orient, others = _inputs(p, rng)
    return compute_facts(mask, orient, others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": "chest", "orientation": p["orient"]}


STYLES = ["wardround", "nightread", "handover", "checklist"]


# --------------------------------------------------------------------------------------------------
# phrase banks for claims about the target

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "superior_to": "inferior_to", "inferior_to": "superior_to",
           "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def side_text(v, rng):
    if v in ("left", "right"):
        return rng.choice([f"in the {v} hemithorax", f"on the patient's {v}", f"{v}-sided",
                           f"on the {v} side of the chest", f"in the patient's {v} chest"])
    if v == "bilateral":
        return rng.choice(["on both sides", "bilateral", "in both hemithoraces", "present on the left and the right"])
    return rng.choice(["in the midline", "midline, not off to one side", "sitting centrally in the midline"])


def side_false(v, rng):
    if v in ("left", "right"):
        return OPP[v]
    if v == "bilateral":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # midline said to be one-sided


def side_false_text(true_v, false_v, rng):
    if true_v == "bilateral":
        return rng.choice([f"only on the {false_v}", f"confined to the {false_v} hemithorax",
                           f"purely {false_v}-sided"])
    if true_v == "midline":
        return rng.choice([f"off to the patient's {false_v}, not midline", f"{false_v}-sided",
                           f"displaced into the {false_v} hemithorax"])
    return side_text(false_v, rng)


def vert_text(v, mod, rng):
    if mod == "XR":
        return {"superior": rng.choice(["superiorly, towards the apex", "high in the chest, superior",
                                        "in the upper zone, superiorly"]),
                "inferior": rng.choice(["inferiorly, down at the base", "low in the chest, inferior",
                                        "in the lower zone, inferiorly"]),
                "central": rng.choice(["at mid-height, neither high nor low", "in the mid zone, vertically central",
                                       "halfway between apex and base"])}[v]
    return {"anterior": rng.choice(["anteriorly, in the non-dependent part", "towards the front, anterior",
                                    "in the anterior chest"]),
            "posterior": rng.choice(["posteriorly, in the dependent part", "at the back, posterior",
                                     "in the posterior chest"]),
            "central": rng.choice(["midway between front and back", "central in the front-to-back direction",
                                   "neither anterior nor posterior but central"])}[v]


def vert_false(v, mod, rng):
    opts = ["superior", "inferior", "central"] if mod == "XR" else ["anterior", "posterior", "central"]
    if v == "central":
        return rng.choice(opts[:2])
    return opts[1] if v == opts[0] else opts[0]


def rel_text(rel, other, rng):
    return {"left_of": rng.choice([f"to the patient's left of the {other}", f"further left than the {other}"]),
            "right_of": rng.choice([f"to the patient's right of the {other}", f"further right than the {other}"]),
            "superior_to": rng.choice([f"above the {other}", f"higher than the {other}"]),
            "inferior_to": rng.choice([f"below the {other}", f"lower than the {other}"]),
            "anterior_to": rng.choice([f"in front of the {other}", f"anterior to the {other}"]),
            "posterior_to": rng.choice([f"behind the {other}", f"posterior to the {other}"])}[rel]


SIZE_ADJ = {"small": ["small", "small-volume", "fairly small"], "medium": ["moderate-sized", "medium-sized", "moderate"],
            "large": ["large", "big", "quite large"]}


def size_false(v, rng):
    return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[v]


def pct_str(x):
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def pct_true(frac):
    return float(pct_str(frac * 100))


def pct_false(frac):
    x = frac * 100
    return float(pct_str(x * 6 + 4)) if x < 5 else float(pct_str(max(0.2, x / 8)))


def count_text(n, rng, noun="region"):
    if n == 1:
        return rng.choice([f"a single contiguous {noun}", f"one {noun}", f"a single {noun}, in one piece"])
    w = NUM.get(n, str(n))
    nouns = noun + ("es" if noun.endswith("ch") else "s")
    return rng.choice([f"{w} separate {nouns}", f"{w} discrete {nouns}", f"{w} distinct {nouns}"])


def count_false(n, rng):
    return n + 1 if n == 1 else rng.choice([1, n + 1]) if n < 5 else n - 2


# --------------------------------------------------------------------------------------------------
# context: devices, knowledge, numbers (never about the target)

DEVICES_XR = [
    "ETT tip about {n} cm above the carina",
    "right IJ CVC with its tip at the cavoatrial junction",
    "left subclavian line, tip projecting over the SVC",
    "NG tube passing below the diaphragm, tip in the gastric fundus on the left",
    "pacemaker generator in the left chest wall with leads in the right atrium and right ventricle",
    "right-arm PICC, tip over the lower SVC",
    "ECG electrodes over both sides of the chest",
    "left radial arterial line tubing across the left upper chest",
    "tracheostomy tube in the midline, tip well above the carina",
]
DEVICES_CT = [
    "ETT in the trachea, tip about {n} cm above the carina",
    "right IJ CVC in the SVC",
    "NG tube in the oesophagus, left of the midline, below the diaphragm into the stomach",
    "left-sided pacemaker leads in the right heart",
    "sternal wires intact",
]
KNOW = [
    "In adults the ETT tip should sit roughly 3-7 cm above the carina with the neck neutral.",
    "The right main bronchus is shorter and more vertical, so a tube that goes too deep usually ends up on the right.",
    "Normally the right hemidiaphragm sits 1-2 cm higher than the left.",
    "An NG tube should be at least 10 cm beyond the gastro-oesophageal junction before it is used.",
    "Subclavian lines cause a pneumothorax in roughly 1-3% of insertions, IJ lines less often.",
    "AP portable films magnify the heart by around 15-20%, so a CTR above 0.5 is less reliable than on a PA film.",
    "On a supine film about 200-500 mL of pleural fluid can hide as a hazy veil rather than a meniscus.",
    "In a supine patient free pleural air collects anteriorly and inferiorly, which is where the deep sulcus sign comes from.",
    "A CVC tip is usually aimed at the lower SVC or the cavoatrial junction, about 2 vertebral bodies below the carina.",
    "BTS guidance calls a rim over 2 cm at the level of the hilum a large pneumothorax in the spontaneous setting.",
]
NUMS = [
    "FiO2 is {f} on PEEP {pe} cmH2O",
    "he has had {ml} mL out of the drain on the other side since midnight",
    "lactate is {lac} and MAP is {mp} on {nor} mcg/kg/min noradrenaline",
    "tidal volumes are 6 mL/kg, plateau {pl} cmH2O",
    "the last film was at {hh}:{mm}",
    "she is {age} years old, day {d} of ventilation",
]


def _fill(s, rng):
    return s.format(n=rng.choice([3, 4, 5, 6]), f=rng.choice(["0.35", "0.45", "0.6", "0.8"]),
                    pe=rng.choice([5, 8, 10, 12]), ml=rng.choice([120, 250, 400, 650]),
                    lac=rng.choice(["1.4", "2.1", "3.8"]), mp=rng.choice([62, 65, 70]),
                    nor=rng.choice(["0.08", "0.15", "0.3"]), pl=rng.choice([24, 27, 29]),
                    hh=rng.choice(["02", "03", "04", "23"]), mm=rng.choice(["10", "35", "50"]),
                    age=rng.choice([34, 58, 67, 71, 83]), d=rng.choice([2, 3, 5, 9]))


def _devices(p, rng, k):
    pool = DEVICES_XR if p["mod"] == "XR" else DEVICES_CT
    idx = list(range(len(pool)))
    rng.shuffle(idx)
    chosen = sorted(idx[:k])
    if p["mod"] == "XR" and 0 in chosen and 8 in chosen:  # an ETT and a tracheostomy: keep one airway
        chosen.remove(8)
    return [_fill(pool[i], rng) for i in chosen]


# --------------------------------------------------------------------------------------------------
# conversation assembly

class Conv:
    def __init__(self):
        self.turns, self.ledger, self.devs = [], [], None

    def add(self, role, parts):
        """parts: strings and claim tuples (text, kind, value, corrected)."""
        i = len(self.turns)
        out = []
        for part in parts:
            if isinstance(part, tuple):
                text, kind, value, corrected = part
                self.ledger.append({"turn": i, "role": role, "kind": kind, "value": value, "corrected": corrected,
                                    "text": text})
                out.append(text)
            else:
                out.append(part)
        self.turns.append({"role": role, "content": "".join(out)})


GROUP = {"laterality": ("side", "side_not"), "position": ("vertical", "relation"), "size": ("size", "percent"),
         "count": ("count",)}


def _cap(s):
    return s[:1].upper() + s[1:]


def _claims(p, facts, rng, defect, place):
    """Plan the row's claims: {kind: (value, text, false)} grouped by where they go."""
    mod = p["mod"]
    lat, vert, size, n = facts["laterality"], facts["vertical"], facts["size_class"], facts["components"]
    rels = facts["relations"]
    avail = {
        "side": lambda: (lat, side_text(lat, rng)),
        "vertical": lambda: (vert, vert_text(vert, mod, rng)),
        "size": lambda: (size, rng.choice(SIZE_ADJ[size])),
        "percent": lambda: (pct_true(facts["area_fraction"]), pct_str(pct_true(facts["area_fraction"]))),
        "count": lambda: (n, count_text(n, rng, _noun(p))),
    }
    if rels:
        r = rels[rng.randrange(len(rels))]
        avail["relation"] = lambda: ((r["relation"], r["other"]), rel_text(r["relation"], r["other"], rng))
    plan = {}
    for kind in ["side", "vertical", "relation", "size", "percent", "count"]:
        if kind not in avail:
            continue
        if defect in GROUP and kind in GROUP[defect]:
            continue
        if rng.random() < (0.8 if kind in ("side", "size", "count", "vertical") else 0.5):
            v, t = avail[kind]()
            plan[kind] = (v, t, False)
    if defect in GROUP:
        kinds = [k for k in GROUP[defect] if k in avail and k != "side_not"]
        k = kinds[rng.randrange(len(kinds))]
        if k == "side":
            fv = side_false(lat, rng)
            plan[k] = (fv, side_false_text(lat, fv, rng), True)
        elif k == "vertical":
            fv = vert_false(vert, mod, rng)
            plan[k] = (fv, vert_text(fv, mod, rng), True)
        elif k == "relation":
            r = rels[rng.randrange(len(rels))]
            fr = REL_OPP[r["relation"]]
            plan[k] = ((fr, r["other"]), rel_text(fr, r["other"], rng), True)
        elif k == "size":
            fv = size_false(size, rng)
            plan[k] = (fv, rng.choice(SIZE_ADJ[fv]), True)
        elif k == "percent":
            fv = pct_false(facts["area_fraction"])
            plan[k] = (fv, pct_str(fv), True)
        elif k == "count":
            fv = count_false(n, rng)
            plan[k] = (fv, count_text(fv, rng, _noun(p)), True)
    return plan


def _noun(p):
    return {"pneumothorax": "air pocket", "pleural effusion": "collection", "pleural effusions": "collection",
            "consolidation": "patch", "subcutaneous emphysema": "gas streak", "empyema": "pocket",
            "atelectasis": "area", "collapse": "area", "pneumoperitoneum": "gas collection"}.get(p["short"], "region")


def _phrase(kind, v, t, style, rng):
    """A sentence (fragment) carrying one claim in an assistant turn."""
    if kind == "side":
        if style == "checklist":
            return rng.choice(["- Side: ", "- Laterality: "]), t, ".\n"
        return rng.choice(["It is ", "This is ", "The finding is "]), t, ". "
    if kind == "vertical":
        if style == "checklist":
            return "- Level: ", t, ".\n"
        return rng.choice(["It lies ", "It sits ", "On this image it is "]), t, ". "
    if kind == "relation":
        if style == "checklist":
            return "- Relation: ", t, ".\n"
        return rng.choice(["It lies ", "The centre of it is ", "Most of it sits "]), t, ". "
    if kind == "size":
        if style == "checklist":
            return "- Size: ", t, ".\n"
        return rng.choice(["Size-wise it's ", "In extent I'd call it ", "Overall it is "]), t, ". "
    if kind == "percent":
        if style == "checklist":
            return "- Area: about ", t, "% of the image.\n"
        return rng.choice(["It covers roughly ", "The outline takes up about ", "By area it is around "]), t, \
            rng.choice(["% of the image. ", "% of the film area. ", "% of the frame. "])
    if kind == "count":
        if style == "checklist":
            return "- Pieces: ", t, ".\n"
        return rng.choice(["The outline is ", "What I've marked is ", "Segmented as "]), t, ". "
    raise ValueError(kind)


def _premise(kind, t, rng):
    """A user premise stating a claim (prefix, claim text, suffix)."""
    if kind == "side":
        return rng.choice(["Since it's ", "Given that it's "]), t, ", "
    if kind == "vertical":
        return rng.choice(["With it sitting ", "Since it lies "]), t, ", "
    if kind == "relation":
        return "Given it lies ", t, ", "
    if kind == "size":
        return rng.choice(["Since it's ", "Given that it looks "]), t, rng.choice([" on this film, ", ", "])
    if kind == "percent":
        return "If it really takes up about ", t, "% of the film, "
    if kind == "count":
        return "With ", t, " to deal with, "
    raise ValueError(kind)


PREMISE = [
    ("do we need to move any of the lines before the next film?",
     "No line needs moving: the central line tip is in a good position and the tube is at a sensible height. Repeat the film after any intervention."),
    ("is the ETT position still acceptable?",
     "Yes, the tube tip is at an acceptable height above the carina; keep the tie position documented and recheck on the morning film."),
    ("should the NG feed stay running overnight?",
     "The feed can continue if the NG tube position was confirmed; this finding doesn't change that. Document it and recheck on the morning film."),
    ("what would you want repeated in the morning?",
     "A repeat portable film in the morning, sooner if the gas exchange worsens, plus a gas after any ventilator change."),
    ("is there anything about the devices I should flag to the consultant?",
     "I'd flag the finding along with the device positions, which are fine, and repeat the imaging after any change in management."),
]


CLOSE = {
    "wardround": ["Plan: repeat CXR in {h} h or after any line change, keep FiO2 {f}, discuss on the consultant round.",
                  "P: d/w cons, PEEP {pe} for now, bloods and gas at {h} h.",
                  "Plan - nothing to reposition; re-image if gas exchange worsens (FiO2 > {f})."],
    "nightread": ["Rec: clinical correlation, repeat film in {h} h if unchanged clinically.",
                  "Will add a formal addendum in the morning; ring back if the FiO2 needs to go above {f}.",
                  "Not a critical call on its own, but I'd phone it through."],
    "handover": ["Nothing for you to change tonight; just keep an eye on the sats and tell the doctor if they need more than {f} of oxygen.",
                 "If the numbers drift, escalate - that's the main thing to hand over.",
                 "The doctors will decide on any procedure; for now, the usual obs every {h} hours."],
    "checklist": ["**Action**: no device repositioning needed; re-image after any intervention.\n",
                  "**Action**: flag to the ICU team; repeat imaging in {h} h.\n",
                  "**Action**: document device positions; PEEP {pe} unchanged.\n"],
}


def _qstyle(style, p, rng, names):
    clue = rng.choice(p["clues"])
    mod = "film" if p["mod"] == "XR" else "CT slice"
    if names:
        tgt = p["namesq"]
        opts = {
            "wardround": [f"WR bed {rng.randint(1, 20)}: please segment the {tgt} on today's {mod}. {_cap(_fill(rng.choice(NUMS), rng))}.",
                          f"Ward round note, ICU bed {rng.randint(1, 20)}. Can you outline the {tgt} on this {mod}? {_cap(_fill(rng.choice(NUMS), rng))}."],
            "nightread": [f"Night reg here, quick one: can you mark the {tgt} on this {'portable ' if p['mod'] == 'XR' else ''}{mod}?",
                          f"On call radiology, {rng.choice(['02', '03', '04'])}:00 - outline the {tgt} for me before I phone ICU."],
            "handover": [f"I'm handing over bed {rng.randint(1, 20)}. The day team mentioned the {tgt} - where is it on this {mod}? Can you show me?",
                         f"Nurse here at handover: could you highlight the {tgt} on this {mod} so I know what they mean?"],
            "checklist": [f"Run the device checklist on this {mod} and segment the {tgt}.",
                          f"Checklist please (ETT, lines, NG, drains), then outline the {tgt}."],
        }
    else:
        opts = {
            "wardround": [f"WR bed {rng.randint(1, 20)}, {_fill(rng.choice(NUMS), rng)}. Issue: {clue}. Which finding on this {mod} explains it? Outline it pls.",
                          f"ICU round note: {_fill(rng.choice(NUMS), rng)}; {clue}. What on this {mod} accounts for that - segment it."],
            "nightread": [f"Night resident, quick read before I ring the ward: {clue}. What am I looking at on this {mod}? Segment it.",
                          f"Covering nights. The referral says {clue}. Can you mark what they're worried about on the {mod}?"],
            "handover": [f"At handover the day nurse said {clue}. What is that on the {mod}, and can you show me where it is?",
                         f"Handing over bed {rng.randint(1, 20)} - they told me {clue}. Which part of this {mod} should I be looking at? Please highlight it."],
            "checklist": [f"Do the usual device checklist on this {mod}, then find what explains this: {clue}. Segment it.",
                          f"Checklist first (tubes, lines, drains), then outline the structure behind this story: {clue}."],
        }
    return rng.choice(opts[style])


def _answer_open(style, p, rng, name):
    if style == "wardround":
        return rng.choice([f"Impression: {name} [SEG]. ", f"Outlined here: {name} [SEG]. "])
    if style == "nightread":
        return rng.choice([f"Quick read: {name} [SEG]. ", f"What you're looking at is the {name} [SEG]. "])
    if style == "handover":
        return rng.choice([f"That's the {name}, highlighted here [SEG]. ", f"What they mean is the {name} - I've shaded it [SEG]. "])
    return rng.choice([f"**Finding**: {name} [SEG]\n", f"**Target**: {name} [SEG]\n"])


def _device_block(style, p, rng, c):
    if c.devs is None:
        c.devs = _devices(p, rng, rng.choice([2, 3]))
    devs = c.devs
    if style == "checklist":
        return "**Devices**\n" + "".join(f"- {_cap(d)}.\n" for d in devs) + f"- Drain: {p['drain']}.\n"
    if style == "wardround":
        return "Lines/tubes: " + "; ".join(devs) + f"; {p['drain']}. "
    if style == "nightread":
        return "Devices: " + ", ".join(devs) + ". "
    return "For the tubes and lines: " + ", ".join(devs) + ", and " + p["drain"] + ". "


def _build(p, facts, style, rng, defect):
    c = Conv()
    lat = facts["laterality"]
    names = defect == "names_target"
    place = rng.choice(["first", "followup", "premise"]) if defect in GROUP else None
    plan = _claims(p, facts, rng, defect, place)
    defect_kind = next((k for k, v in plan.items() if v[2]), None)
    sided_name = p["target"] != p["short"] and p["sided"]
    # naming with the side in it is a side claim: only when nothing about the side is planted
    full_name = sided_name and defect != "laterality" and "side" not in plan and rng.random() < 0.7
    name = p["target"] if full_name or not sided_name else p["short"]

    c.add("user", [_qstyle(style, p, rng, names)])

    # split claims between first answer and follow-ups
    first, later = [], []
    for k in plan:
        if k == defect_kind:
            continue
        (first if rng.random() < 0.55 else later).append(k)
    if defect_kind and place == "first":
        first.insert(rng.randrange(len(first) + 1), defect_kind)
    elif defect_kind and place == "followup":
        later.insert(rng.randrange(len(later) + 1), defect_kind)

    parts = [_answer_open(style, p, rng, name)]
    if full_name:
        parts = [parts[0].replace(name, "\x00")]
        pre, post = parts[0].split("\x00")
        parts = [pre, (name, "side", lat, False), post]
    trap_side = p["sided"] and lat in ("left", "right") and defect != "laterality" and rng.random() < 0.5
    body = []
    for k in first:
        v, t, false = plan[k]
        pre, txt, post = _phrase(k, v, t, style, rng)
        body.append([pre, (txt, k, v, False), post])
    if trap_side:  # a true negation of the other side
        other = OPP[lat]
        neg = rng.choice([f"not on the {other}", f"not on the {other} at all", f"not {other}-sided"])
        body.append(["To be explicit, it is " if style != "checklist" else "- Note: ",
                     (neg, "side_not", other, False), ".\n" if style == "checklist" else ". "])
    rng.shuffle(body)
    for b in body:
        parts.extend(b)
    if style == "checklist" or rng.random() < 0.8:
        parts.append(_device_block(style, p, rng, c))
    if rng.random() < 0.6:
        parts.append(rng.choice(p["extras"]) + (" " if style != "checklist" else "\n"))
    if rng.random() < 0.6:
        parts.append(rng.choice(CLOSE[style]).format(**{"f": rng.choice(["0.4", "0.5", "0.6"]),
                                                         "pe": rng.choice([5, 8, 10]), "h": rng.choice([2, 4, 6])}))
    c.add("assistant", parts)

    # follow-up rounds
    rounds = []
    for k in later:
        rounds.append(("ask", k))
    if defect_kind and place == "premise":
        rounds.insert(rng.randrange(len(rounds) + 1), ("premise_false", defect_kind))
    if not defect:
        if rng.random() < 0.5 and p["sided"] and lat in ("left", "right"):
            rounds.insert(rng.randrange(len(rounds) + 1), ("premise_fixed", "side"))
        elif rng.random() < 0.5 and facts["components"] >= 1:
            rounds.insert(rng.randrange(len(rounds) + 1), ("premise_fixed", rng.choice(["count", "size"])))
        if rng.random() < 0.35 and lat in ("left", "right"):
            rounds.insert(rng.randrange(len(rounds) + 1), ("selfcorr", "side"))
    extra = rng.choice(["devices", "knowledge", "hypo", "numbers"])
    if len(rounds) < 3 or rng.random() < 0.3:
        rounds.insert(rng.randrange(len(rounds) + 1), ("ctx", extra))
    if len(rounds) > 3:
        # merge trailing asks into one round to keep to 1-3 follow-ups
        asks = [r for r in rounds if r[0] == "ask"]
        rest = [r for r in rounds if r[0] != "ask"]
        rounds = rest[:2] + ([("asks", [a[1] for a in asks])] if asks else [])
        if len(rounds) > 3:
            rounds = rounds[:3]
    for kind, arg in rounds:
        _round(c, p, facts, style, rng, kind, arg, plan, defect)
    return c.turns, ([defect] if defect else []), c.ledger


ASKQ = {"side": ["Which side is it on?", "Left or right, in the patient's terms?", "Which hemithorax?"],
        "vertical": ["Where is it vertically?" , "High or low in the chest?"],
        "relation": ["How does it relate to the landmarks?", "Where is it relative to the nearby structures?"],
        "size": ["How big is it?", "Would you call it big or small?"],
        "percent": ["Roughly what share of the image does it cover?", "How much of the picture is it, area-wise?"],
        "count": ["Is it one area or several?", "How many separate bits did you mark?"]}
ASKQ_CT = {"vertical": ["Is it front or back?", "Anterior or posterior on this slice?"]}


def _round(c, p, facts, style, rng, kind, arg, plan, defect):
    lat, n, size = facts["laterality"], facts["components"], facts["size_class"]
    end = "\n" if style == "checklist" else " "
    if kind in ("ask", "asks"):
        ks = [arg] if kind == "ask" else arg
        qs = []
        for k in ks:
            pool = ASKQ_CT.get(k) if p["mod"] == "CT" and k in ASKQ_CT else ASKQ[k]
            qs.append(rng.choice(pool))
        lead = rng.choice({"wardround": ["", "Also: ", "Q: "], "nightread": ["And ", "", "Also - "],
                           "handover": ["Sorry, one more: ", "And ", "For my sheet: "], "checklist": ["", "Next: "]}[style])
        text = " ".join(qs)
        c.add("user", [lead + (text[:1].lower() + text[1:] if lead else text)])
        parts = []
        for k in ks:
            v, t, false = plan[k]
            pre, txt, post = _phrase(k, v, t, style, rng)
            parts += [pre, (txt, k, v, False), post]
        if rng.random() < 0.5:
            parts.append(rng.choice(KNOW) + end)
        c.add("assistant", parts)
    elif kind == "premise_false":
        v, t, false = plan[arg]
        pre, txt, post = _premise(arg, t, rng)
        q, a = rng.choice(PREMISE)
        c.add("user", [pre, (txt, arg, v, False), post + q])
        c.add("assistant", [a])
    elif kind == "premise_fixed":
        if arg == "side":
            wrong = OPP[lat]
            pre, txt, post = _premise("side", side_text(wrong, rng), rng)
            q, a = rng.choice(PREMISE)
            c.add("user", [pre, (txt, "side", wrong, True), post + q])
            tt = side_text(lat, rng)
            screen = "left" if (lat == "right") == (p["orient"][0] == "L") else "right"
            c.add("assistant", [rng.choice(["Small correction first: it's ", "One thing to fix: it is actually "]),
                                (tt, "side", lat, False),
                                f", not the {wrong} - it shows on the screen's {screen} because of how the image is displayed. ",
                                a])
        elif arg == "count":
            wrong = n + 1 if n < 3 else n - 1
            ct = count_text(wrong, rng, _noun(p))
            q, a = rng.choice(PREMISE)
            c.add("user", ["With ", (ct, "count", wrong, True), " to deal with, " + q])
            c.add("assistant", ["Just to correct that: the outline is ", (count_text(n, rng, _noun(p)), "count", n, False),
                                f", not {NUM.get(wrong, wrong)}. " + a])
        else:
            wrong = size_false(size, rng)
            q, a = rng.choice(PREMISE)
            c.add("user", ["Since it's ", (rng.choice(SIZE_ADJ[wrong]), "size", wrong, True), ", " + q])
            c.add("assistant", ["I wouldn't call it that - it's ", (rng.choice(SIZE_ADJ[size]), "size", size, False),
                                " on this image. " + a])
    elif kind == "selfcorr":
        wrong = OPP[lat]
        c.add("user", [rng.choice(["Can you restate the side for the notes?", "Which side do I write in the chart?",
                                   "Side for the handover sheet?"])])
        c.add("assistant", [rng.choice(["For the chart: ", "Noted: "]), (side_text(wrong, rng), "side", wrong, True),
                            rng.choice([" - sorry, scratch that, I read the screen side. It is ",
                                        " - correction, that was the monitor's side, not the patient's. It is "])
                            if p["orient"][0] == "L" else
                            rng.choice([" - sorry, wrong word, I mislabelled it. It is ",
                                        " - no, correction: this series is displayed from the head, so it is "]),
                            (side_text(lat, rng), "side", lat, False), "."])
    else:  # context round: nothing about the target's geometry
        if arg == "devices":
            c.add("user", [rng.choice(["Are the lines and tubes OK?", "Anything wrong with the devices?",
                                       "Is the tube position fine?"])])
            c.add("assistant", [_device_block(style, p, rng, c), rng.choice(KNOW)])
        elif arg == "knowledge":
            c.add("user", [rng.choice(["Any rule of thumb I should know here?", "What's the general teaching on this?"])])
            k1, k2 = rng.sample(KNOW, 2)
            c.add("assistant", [k1 + " " + k2])
        elif arg == "hypo":
            h = rng.randrange(2)
            c.add("user", [["What if the drain ends up on the wrong side?",
                            "Would it change anything if the line had gone in on the other side?"][h]])
            c.add("assistant", [[
                "Hypothetically, if a drain were sited on the wrong side you'd see no change in the finding and a new iatrogenic problem on the other side; that's why the side is confirmed at the bedside with ultrasound before any procedure.",
                "If the line had gone in on the other side, the complication risk profile changes - a left subclavian route is longer and crosses the thoracic duct side - but it wouldn't move the finding itself."][h]])
        else:
            c.add("user", [rng.choice(["Numbers for the round?", "Can you add the obs for the note?"])])
            c.add("assistant", [_cap(_fill(rng.choice(NUMS), rng)) + "; " + _fill(rng.choice(NUMS), rng) +
                                ". None of those numbers are measurements from the image."])


def build(p, facts, style, rng, defect):
    turns, expected, _ = _build(p, facts, style, rng, defect)
    return turns, expected
