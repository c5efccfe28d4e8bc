"""Bank CK: thorax and heart CT/MR (axial "LP", coronal "LI"), written blind to the QC rules.

Targets: both lungs, one lung, heart, left and right ventricles (MR), aorta (one or two cross-sections),
pulmonary trunk, trachea, oesophagus, pleural effusion (one or both sides), lung nodules (1-3 foci) and
one label the knowledge base does not know (pericardial effusion). Facts are the product's own
measurement of a synthetic mask (`compute_facts`); every statement about the mask is written from them.

Registers: "stepback" (recall general anatomy first, then the slice), "atlas" (reference atlas versus this
slice), "table" (ASCII table, then one sentence), "scratch" (scratchpad with pixel arithmetic).
Clean traps: textbook sides/positions/sizes of other structures and of the target in general, population
percentages, the radiological display convention, negations, hedges, short follow-ups.
First measure: not run here (the lead measures after merging).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
TOTAL = W * H
STYLES = ["stepback", "atlas", "table", "scratch"]

AX_OTHERS = {"thoracic vertebra": (0.5, 0.8), "sternum": (0.5, 0.16), "heart": (0.55, 0.41),
             "descending aorta": (0.59, 0.65), "trachea": (0.5, 0.29)}
CO_OTHERS = {"trachea": (0.5, 0.2), "liver": (0.33, 0.86), "heart": (0.55, 0.6), "aortic arch": (0.56, 0.34)}

# shapes: list of (cx, cy, rx, ry); "ring" marks an annulus (outer, inner)
PROFILES = [
    dict(target="lung", name="lungs", plural=True, plane="ax", mod="CT",
         shapes=[(78, 130, 36, 60), (178, 130, 36, 60)],
         ask=["Which structures fill most of the chest and take up oxygen with every breath?",
              "Could you outline the air-filled organs of breathing on this chest slice?"],
         leak=["Please segment both lungs.", "Where are the lung fields on this scan?",
               "Can you outline the pulmonary parenchyma?"]),
    dict(target="lung", name="lungs", plural=True, plane="co", mod="CT",
         shapes=[(80, 118, 38, 78), (176, 118, 38, 78)],
         ask=["On this coronal image, which paired organs exchange oxygen and carbon dioxide? Please outline them."],
         leak=["Segment the lungs on this coronal slice, please."]),
    dict(target="right lung", name="right lung", plane="ax", mod="CT", shapes=[(78, 130, 36, 60)],
         ask=["Which breathing organ, the one with three lobes, can you outline here?"],
         leak=["Where is the right lung on this slice?", "Outline the right pulmonary field."]),
    dict(target="left lung", name="left lung", plane="ax", mod="CT", shapes=[(178, 132, 34, 58)],
         ask=["Can you outline the breathing organ that has a notch for the heart and only two lobes?"],
         leak=["Please segment the left lung."]),
    dict(target="heart", name="heart", plane="ax", mod="CT", shapes=[(140, 104, 40, 32)],
         ask=["Which muscular pump that keeps blood moving through four valves is visible here?",
              "A patient has crushing chest pain spreading to the jaw. Which organ should I look at?"],
         leak=["Where is the heart on this CT?", "Outline the cardiac silhouette, please."]),
    dict(target="heart", name="heart", plane="co", mod="MR", shapes=[(138, 150, 42, 34)],
         ask=["On this coronal MR, which organ sets its own rhythm and pumps blood around the body?"],
         leak=["Show me the cardiac outline on this coronal MR."]),
    dict(target="left ventricle", name="left ventricular cavity", plane="ax", mod="MR", shapes=[(152, 110, 20, 18)],
         ask=["Which chamber pumps oxygen-rich blood through the aortic valve and gives the ejection fraction?"],
         leak=["Segment the LV cavity.", "Where is the left ventricle on this cine MR?"]),
    dict(target="right ventricle", name="right ventricular cavity", plane="ax", mod="MR", shapes=[(107, 92, 18, 15)],
         ask=["Which thin-walled chamber sends deoxygenated blood through the pulmonary valve?"],
         leak=["Outline the RV on this MR slice.", "Where is the right ventricular cavity?"]),
    dict(target="aorta", name="aorta", plane="ax", mod="CT", shapes=[(150, 166, 11, 11)], alt=[(118, 98, 13, 13)],
         ask=["Which large elastic artery carries oxygen-rich blood from the left side of the heart to the body?",
              "A patient has tearing chest pain into the back. Which vessel should I outline?"],
         leak=["Where is the thoracic aorta here?", "Segment the aortic lumen."]),
    dict(target="pulmonary artery", name="pulmonary trunk", plane="ax", mod="CT", shapes=[(138, 90, 15, 12)],
         ask=["Which great vessel carries oxygen-poor blood from the heart to the breathing organs?"],
         leak=["Outline the main pulmonary artery.", "Where is the pulmonary trunk on this CT?"]),
    dict(target="trachea", name="trachea", plane="ax", mod="CT", shapes=[(128, 74, 10, 9)],
         ask=["Which air tube held open by C-shaped cartilage rings runs down into the chest?"],
         leak=["Where is the windpipe?", "Segment the tracheal lumen."]),
    dict(target="trachea", name="trachea", plane="co", mod="CT", shapes=[(128, 52, 8, 30)],
         ask=["On this coronal CT, which airway carries air from the voice box down to the bronchi?"],
         leak=["Show the trachea on the coronal image."]),
    dict(target="esophagus", name="oesophagus", plane="ax", mod="CT", shapes=[(134, 154, 7, 6)],
         ask=["A patient says food sticks in the chest. Which muscular tube carrying food to the stomach is here?"],
         leak=["Where is the oesophagus on this slice?", "Outline the gullet."]),
    dict(target="pleural effusion", name="pleural effusion", plane="ax", mod="CT", shapes=[(64, 186, 28, 16)],
         alt=[(192, 186, 28, 16)], side_pick=True,
         ask=["A patient with heart failure has dull percussion at the lung bases. Can you outline the fluid "
              "collection that explains it?"],
         leak=["Segment the pleural effusion.", "Where is the hydrothorax on this CT?"]),
    dict(target="pleural effusion", name="pleural effusion", plane="co", mod="CT", shapes=[(70, 200, 30, 14)],
         alt=[(186, 200, 30, 14)], side_pick=True,
         ask=["On this coronal CT, can you outline the fluid layering between the chest wall and the base of "
              "the breathing organ?"],
         leak=["Outline the pleural fluid on the coronal image."]),
    dict(target="lung tumour", name="nodule", plane="ax", mod="CT", foci=True,
         ask=["A former smoker's screening scan shows a new solid spot in the breathing tissue. Can you mark it?",
              "Which abnormal soft-tissue spot in the air-filled tissue should be flagged here?"],
         leak=["Segment the lung nodule.", "Where is the pulmonary nodule?", "Outline the lesion, please."]),
    dict(target="lung tumour", name="nodule", plane="co", mod="CT", foci=True,
         ask=["On this coronal CT of a heavy smoker who coughs up blood, what abnormal spot should I mark?"],
         leak=["Mark the lung mass on the coronal image."]),
    dict(target="pericardial effusion", name="pericardial effusion", plane="ax", mod="CT",
         shapes=[(138, 104, 48, 40)], ring=(40, 32),
         ask=["After a viral illness a patient has muffled heart sounds and low blood pressure. What should I "
              "outline around the pumping organ?"],
         leak=["Outline the pericardial effusion.", "Where is the pericardial fluid?"]),
]

_SIDE = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
         "bilateral": "on both sides of the chest"}
_SIDE_ALT = {"left": ["in the left hemithorax", "left of the midline", "to the patient's left"],
             "right": ["in the right hemithorax", "right of the midline", "to the patient's right"],
             "midline": ["centred on the midline", "straddling the midline", "in the middle, neither left nor right"],
             "bilateral": ["bilaterally", "in both hemithoraces", "on the left and on the right"]}
_FALSE_SIDE = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}
_VERT = {"anterior": ["anteriorly", "in the front part of the chest", "toward the front"],
         "posterior": ["posteriorly", "in the back part of the chest", "toward the back"],
         "superior": ["high in the image, superiorly", "in the upper chest", "toward the head"],
         "inferior": ["low in the image, inferiorly", "in the lower chest", "toward the feet"],
         "central": ["centrally", "in the middle band of the image, vertically speaking"],
         "central_ax": ["at mid-depth, neither front nor back", "midway between front and back"],
         "central_co": ["midway between top and bottom of the chest", "neither high nor low"]}
_FALSE_VERT = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
_REL = {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
        "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four"}

STEPBACK = ["In textbook anatomy the liver lies on the right under the diaphragm and the spleen on the left.",
            "Typically the heart sits in the middle mediastinum with about two thirds of its mass left of the midline.",
            "In most adults the descending aorta runs down on the left side of the spine.",
            "The trachea is normally a midline structure in front of the oesophagus.",
            "Usually the right lung has three lobes and the left lung two.",
            "In the population, solid lung nodules are found on roughly 20% to 50% of screening CTs, most of them benign.",
            "Pleural effusions are reported in about 50% of patients admitted with heart failure.",
            "Normally the pulmonary trunk lies anterior and to the left of the ascending aorta."]
ATLAS = {"lung": "In the atlas the lungs fill both sides of the chest around the heart",
         "right lung": "In the atlas the right lung is the larger one, on the patient's right",
         "left lung": "In the atlas the left lung is on the patient's left and is notched by the heart",
         "heart": "In the atlas the heart sits in the front of the chest, mostly left of the midline",
         "left ventricle": "In the atlas the left ventricle lies to the left and posterior of the right ventricle",
         "right ventricle": "In the atlas the right ventricle is the most anterior chamber, behind the sternum",
         "aorta": "In the atlas the thoracic aorta arches over the left main bronchus and descends left of the spine",
         "pulmonary artery": "In the atlas the pulmonary trunk leaves the right ventricle anteriorly",
         "trachea": "In the atlas the trachea runs in the midline from the larynx to the carina",
         "esophagus": "In the atlas the oesophagus runs behind the trachea and in front of the spine",
         "pleural effusion": "In the atlas effusions collect in the dependent, posterior costophrenic recesses",
         "lung tumour": "In the atlas solitary nodules are most common in the upper lobes",
         "pericardial effusion": "In the atlas pericardial fluid surrounds the heart inside the pericardial sac"}


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": "thorax", "orientation": "LP" if p["plane"] == "ax" else "LI"}


def pick_profile(profiles, i, defect, rng):
    # lean toward bilateral / multi-region masks for laterality and count defects
    if defect in ("laterality", "count") and rng.random() < 0.5:
        return rng.choice([p for p in profiles if p["target"] in ("lung", "lung tumour", "pleural effusion", "aorta")])
    return rng.choice(profiles)


def _ellipse(mask, cx, cy, rx, ry, val=True):
    yy, xx = np.mgrid[0:H, 0:W]
    mask[((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0] = val


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    m = np.zeros((H, W), bool)
    j = lambda: rng.uniform(-6, 6)
    s = lambda: rng.uniform(0.85, 1.15)
    if p.get("foci"):
        spots = [(rng.uniform(55, 100), rng.uniform(90 if p["plane"] == "ax" else 50, 180)),
                 (rng.uniform(160, 200), rng.uniform(90 if p["plane"] == "ax" else 50, 180))]
        n = rng.choice([1, 1, 2, 3])
        for k in range(n):
            cx, cy = spots[k % 2] if k < 2 else (rng.uniform(60, 95), rng.uniform(60, 200))
            r = rng.uniform(3.5, 9)
            _ellipse(m, cx, cy, r, r * rng.uniform(0.8, 1.2))
    else:
        shapes = list(p["shapes"])
        if p.get("side_pick"):
            shapes = rng.choice([shapes, p["alt"], shapes + p["alt"]])
        elif p.get("alt") and rng.random() < 0.4:
            shapes = shapes + p["alt"]
        for cx, cy, rx, ry in shapes:
            sc = s()
            _ellipse(m, cx + j(), cy + j(), rx * sc, ry * sc)
        if p.get("ring"):
            f = p["shapes"][0]
            _ellipse(m, f[0], f[1], p["ring"][0], p["ring"][1], False)
    others = AX_OTHERS if p["plane"] == "ax" else CO_OTHERS
    keep = {k: v for k, v in others.items() if k != p["target"] and not (p["target"] == "aorta" and "aort" in k)}
    chosen = dict(rng.sample(sorted(keep.items()), 2))
    return compute_facts(m, "LP" if p["plane"] == "ax" else "LI", others=chosen).model_dump(mode="json")


# ---- phrases from facts ------------------------------------------------------------------------------

def pct(f: dict, scale: float = 1.0) -> str:
    v = f["area_fraction"] * 100 * scale
    return f"{v:.2f}%" if v < 0.1 else f"{v:.1f}%"


def side_txt(side, rng):
    return rng.choice([_SIDE[side]] + _SIDE_ALT[side])


def vert_txt(v, rng, plane="ax"):
    return rng.choice(_VERT[v] + (_VERT[f"central_{plane}"] if v == "central" else []))


def size_words(cls):
    return {"small": "small (under 1% of the image)", "medium": "medium-sized (between 1% and 5% of the image)",
            "large": "large (over 5% of the image)"}[cls]


def false_size(f):
    cls, a = f["size_class"], f["area_fraction"]
    if cls == "small":
        return "large", 9.0 / max(a * 100, 0.01)
    if cls == "large":
        return "small", 0.4 / (a * 100)
    return ("large", 12.0 / (a * 100)) if a < 0.03 else ("small", 0.3 / (a * 100))


def _plural(unit):
    return "foci" if unit == "focus" else unit + "s"


def count_txt(n, unit):
    if n == 1:
        return f"a single connected {unit}"
    return f"{_NUM.get(n, str(n))} separate {_plural(unit)}"


def false_count(n, unit):
    return f"two separate {_plural(unit)}" if n == 1 else f"one single connected {unit}"


def rel_txt(r, rng):
    return f"{_REL[r['relation']]} the {r['other']}"


class Plan:
    """The facts a conversation states and the one (if any) it states falsely, and where."""

    def __init__(self, p, f, rng, defect):
        self.p, self.f, self.rng, self.defect = p, f, rng, defect
        self.unit = "focus" if p.get("foci") else "region"
        self.where = "answer"
        if defect in ("laterality", "position", "size", "count"):
            r = rng.random()
            self.where = "user" if r < 0.22 else "followup" if r < 0.45 else "answer"
        self.side = f["laterality"]
        if defect == "laterality":
            self.false_side = _FALSE_SIDE[self.side]
            if self.side == "midline":  # the side away from where the centroid leans: clearly wrong, never borderline
                self.false_side = "right" if f["centroid_patient"][0] > 0 else "left"
        self.vert = f["vertical"]
        self.rels = list(f["relations"])
        self.pos_kind = None
        if defect == "position":
            if self.vert in _FALSE_VERT and (not self.rels or rng.random() < 0.6):
                self.pos_kind = "vert"
            elif self.rels:
                self.pos_kind = "rel"
            else:  # central: claim a definite front/back or top/bottom position
                self.pos_kind = "vert"


def side_claim(pl, lie=False):
    s = pl.false_side if lie else pl.side
    return side_txt(s, pl.rng)


def vert_claim(pl, lie=False):
    v = pl.vert
    if lie and pl.pos_kind == "vert":
        away = pl.f["centroid_patient"][1] > 0  # centroid leans toward row+ (posterior / inferior): claim the other end
        v = _FALSE_VERT.get(v) or {("ax", True): "anterior", ("ax", False): "posterior",
                                   ("co", True): "superior", ("co", False): "inferior"}[(pl.p["plane"], away)]
        return {"anterior": "in the anterior chest", "posterior": "in the posterior chest",
                "superior": "in the upper part of the chest", "inferior": "in the lower part of the chest"}[v]
    return vert_txt(v, pl.rng, pl.p["plane"])


def rel_claims(pl, lie=False):
    out = []
    for i, r in enumerate(pl.rels[:2]):
        if lie and pl.pos_kind == "rel" and i == 0:
            r = {"other": r["other"], "relation": _FLIP[r["relation"]]}
        out.append(rel_txt(r, pl.rng))
    return out


def size_claim(pl, lie=False):
    f = pl.f
    if lie:
        cls, scale = false_size(f)
        return f"{cls}, about {pct(f, scale)} of the image"
    return pl.rng.choice([f"{f['size_class']}, about {pct(f)} of the image",
                               f"{size_words(f['size_class'])}, at {pct(f)}",
                               f"{f['size_class']} ({pct(f)} of the slice area)"])


def count_claim(pl, lie=False):
    n = pl.f["components"]
    return false_count(n, pl.unit) if lie else count_txt(n, pl.unit)


# ---- the registers ---------------------------------------------------------------------------------------

_KIND = {"laterality": "side", "position": "vert", "size": "size", "count": "count"}
CONVENTION = ["(Radiological convention: the patient's left is shown on the right-hand side of the image.)",
              "Remember the display convention: image right is the patient's left, so read sides with care.",
              "As usual for radiology viewers, the patient's right appears on the left of the screen."]


def _negation(pl, kind):
    f, rng = pl.f, pl.rng
    if kind == "side":
        return {"left": "It is not on the right.", "right": "It does not extend to the left side.",
                "midline": "It is not off to one side.", "bilateral": "It is not confined to one side."}[pl.side]
    if kind == "count":
        return (f"There is no second {pl.unit}." if f["components"] == 1
                else f"It is not one single piece.")
    return ""


def claims(pl, lie_kind):
    """Phrases for each fact kind; the lie only where the plan puts it."""
    lie = lambda k: lie_kind == k
    return {"side": side_claim(pl, lie("side")), "vert": vert_claim(pl, lie("vert") and pl.pos_kind == "vert"),
            "rels": rel_claims(pl, lie("vert") and pl.pos_kind == "rel"), "size": size_claim(pl, lie("size")),
            "count": count_claim(pl, lie("count"))}


def _sentences(pl, c, include, rng):
    nm = pl.p["name"]
    be = "are" if pl.p.get("plural") else "is"
    out = []
    if "side" in include:
        out.append(rng.choice([f"On this slice the {nm} {be} {c['side']}.", f"Here it sits {c['side']}.",
                               f"In this image the mask lies {c['side']}.", f"The {nm} {be} seen {c['side']}.",
                               f"Most likely because of normal anatomy, the mask is {c['side']}."]))
    if "vert" in include:
        out.append(rng.choice([f"Vertically it lies {c['vert']}.", f"The mask is {c['vert']} on this image.",
                               f"It is located {c['vert']}.", f"As for depth or height, it sits {c['vert']}."]))
        for r in c["rels"]:
            out.append(rng.choice([f"On this slice it lies {r}.", f"It sits {r} here.",
                                   f"Relative to its neighbours, the mask is {r}."]))
    if "size" in include:
        out.append(rng.choice([f"The segmented area is {c['size']}.", f"Size here: {c['size']}.",
                               f"This mask is {c['size']}."]))
    if "count" in include:
        out.append(rng.choice([f"It appears as {c['count']}.", f"The mask forms {c['count']}.",
                               f"Counting pieces, I see {c['count']}."]))
    return out


def _first_answer(pl, style, c, include, rng):
    p, f, nm = pl.p, pl.f, pl.p["name"]
    sents = _sentences(pl, c, include, rng)
    negs = [_negation(pl, k) for k in ("side", "count") if k in include and pl.lie_kind != k and rng.random() < 0.6]
    conv = rng.choice(CONVENTION) if rng.random() < 0.6 else ""
    if style == "stepback":
        gen = " ".join(rng.sample(STEPBACK, 2))
        intro = rng.choice(["Let me step back and recall the general anatomy first.",
                            "Step back: what do we know in general?", "First, some background before the image."])
        return (f"{intro} {gen} {ATLAS[p['target']].replace('In the atlas', 'In general')}.\n\n"
                f"Now to this image: the highlighted structure{'s' if p.get('plural') else ''} [SEG] {'are' if p.get('plural') else 'is'} the {nm}. " + " ".join(sents + negs) + f" {conv}")
    if style == "atlas":
        head = rng.choice(["Comparison with the reference atlas:", "Atlas versus this slice:",
                           "Let me compare with a standard atlas."])
        return (f"{head} {ATLAS[p['target']]}; on this slice the {nm} {'are' if p.get('plural') else 'is'} segmented here [SEG]. "
                + " ".join(sents + negs) + f" {conv}")
    if style == "table":
        rows = [("Structure", nm)]
        if "side" in include:
            rows.append(("Side", c["side"]))
        if "vert" in include:
            rows.append(("Position", "; ".join([c["vert"]] + c["rels"])))
        if "size" in include:
            rows.append(("Size", c["size"]))
        if "count" in include:
            rows.append(("Regions", c["count"]))
        w1 = max(len(a) for a, _ in rows) + 2
        w2 = max(len(b) for _, b in rows) + 2
        line = "+" + "-" * w1 + "+" + "-" * w2 + "+"
        body = [line, f"| {'Feature'.ljust(w1 - 2)} | {'Finding'.ljust(w2 - 2)} |", line]
        body += [f"| {a.ljust(w1 - 2)} | {b.ljust(w2 - 2)} |" for a, b in rows] + [line]
        tail = rng.choice([f"In one sentence: the mask [SEG] outlines the {nm} as summarised above.",
                           f"Summary: the {nm} is segmented here [SEG], with the findings in the table.",
                           f"The segmentation [SEG] covers the {nm}; see the table for side, position and size."])
        return "\n".join(body) + "\n\n" + tail + (" " + " ".join(negs) if negs else "")
    # scratch
    lines = ["Scratchpad:"]
    if "size" in include:
        if pl.lie_kind == "size":
            cls, scale = false_size(f)
            px = int(round(f["area_pixels"] * scale))
            lines.append(f"- mask pixels: {px:,} px; image 256 x 256 = 65,536 px")
            lines.append(f"- area = {px:,} px / 65,536 px = {px / TOTAL * 100:.1f}% -> {cls}")
        else:
            lines.append(f"- mask pixels: {f['area_pixels']:,} px; image 256 x 256 = 65,536 px")
            lines.append(f"- area = {f['area_pixels']:,} px / 65,536 px = {pct(f)} -> {f['size_class']}")
    if "side" in include:
        if pl.lie_kind == "side":
            lines.append(f"- side: {c['side']}")
        else:
            cx = f["centroid"][0]
            if pl.side == "bilateral":
                lines.append(f"- components on both sides of centre x = 127.5 -> {c['side']}")
            else:
                lines.append(f"- centroid x = {cx:.1f} vs image centre 127.5 (offset {cx - 127.5:+.1f} px); "
                             f"image right = patient's left -> {c['side']}")
    if "vert" in include:
        lines.append(f"- vertical: {c['vert']}" + ("; " + "; ".join(c["rels"]) if c["rels"] else ""))
    if "count" in include:
        lines.append(f"- connected components: {c['count']}")
    lines.append(rng.choice([f"Answer: the {nm} {'are' if p.get('plural') else 'is'} segmented here [SEG].", f"Result: [SEG] marks the {nm}."]))
    return "\n".join(lines) + (" " + " ".join(negs) if negs else "")


_FQ = {"side": ["Which side is it?", "Is it on the left or the right?", "Which side of the patient is it on?"],
       "vert": ["Where is it along the vertical axis of the image?", "Where does it sit, front to back or top to bottom?"],
       "size": ["How big is it?", "Is it large?", "What share of the image does it cover?"],
       "count": ["Is it one piece?", "How many separate parts are there?"]}


def _follow_answer(pl, kind, c, rng):
    nm = pl.p["name"]
    if kind == "side":
        return rng.choice([f"It is {c['side']}.", f"The {nm} on this slice lies {c['side']}."])
    if kind == "vert":
        extra = (" " + " ".join(f"Also, it lies {r}." for r in c["rels"])) if c["rels"] else ""
        return rng.choice([f"It is {c['vert']}.", f"On this image the mask sits {c['vert']}."]) + extra
    if kind == "size":
        return rng.choice([f"It is {c['size']}.", f"The mask is {c['size']}, going by pixel count."])
    return rng.choice([f"Counting connected pieces: {c['count']}.", f"The segmentation shows {c['count']}."])


_WHY = ["Why is that?", "Why does that matter?", "Could you explain why it looks like that?"]
_WHY_A = ["Because the segmentation follows the structure's boundary on this particular slice, and the slice "
          "level decides how much of it is cut.",
          "Mostly anatomy and slice level: a structure looks different depending on where the section passes.",
          "It matters for reporting, because side and size guide comparison with earlier scans."]


def _user_lie(pl, c, rng):
    nm = pl.p["name"]
    k = pl.lie_kind
    if k == "side":
        q = rng.choice([f"Why is the {nm} {c['side']} on this scan?", f"So it's {c['side']}, right? What does that mean?",
                        f"I can see the {nm} {c['side']}. Is that normal?"])
    elif k == "vert":
        q = (rng.choice([f"Why is it {c['vert']} here?", f"Given that the {nm} is {c['vert']}, is that expected?"])
             if pl.pos_kind == "vert" else f"Since the {nm} lies {c['rels'][0]} here, does that matter?")
    elif k == "size":
        q = rng.choice([f"Why is the mask so {c['size'].split(',')[0]}? It looks like {c['size'].split('about ')[-1]}.",
                        f"Given it is {c['size']}, should I worry?"])
    else:
        q = rng.choice([f"Why does the mask show {c['count']}?", f"Since it is {c['count']}, is anything missing?"])
    a = rng.choice(["That can happen; the mask simply follows the boundary the model found on this slice, and "
                    "the clinical meaning depends on the history and earlier imaging.",
                    "It is not unusual in itself. What matters more is the clinical context and comparison with "
                    "prior scans, which I can't see here."])
    return q, a


def build(p, facts, style, rng, defect):
    pl = Plan(p, facts, rng, defect)
    pl.lie_kind = _KIND.get(defect)
    first_q = rng.choice(p["leak"] if defect == "names_target" else p["ask"])
    kinds = ["side", "vert", "size", "count"]
    c = claims(pl, pl.lie_kind)
    deferred = pl.lie_kind if pl.where != "answer" else None
    include = [k for k in kinds if k != deferred and (k == pl.lie_kind or rng.random() < 0.85)]
    turns = [{"role": "user", "content": first_q},
             {"role": "assistant", "content": _first_answer(pl, style, c, include, rng)}]
    if deferred and pl.where == "user":
        q, a = _user_lie(pl, c, rng)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    elif deferred:
        turns += [{"role": "user", "content": rng.choice(_FQ[deferred])},
                  {"role": "assistant", "content": _follow_answer(pl, deferred, c, rng)}]
    extra = rng.choice([0, 1, 1, 2]) - (1 if deferred else 0)
    truth = claims(pl, None)
    asked = {deferred}
    for _ in range(max(extra, 0)):
        if rng.random() < 0.3:
            turns += [{"role": "user", "content": rng.choice(_WHY)}, {"role": "assistant", "content": rng.choice(_WHY_A)}]
        else:
            left = [k for k in kinds if k != pl.lie_kind and k not in asked]
            if not left:
                break
            k = rng.choice(left)
            asked.add(k)
            turns += [{"role": "user", "content": rng.choice(_FQ[k])},
                      {"role": "assistant", "content": _follow_answer(pl, k, truth, rng)}]
    for t in turns:
        t["content"] = " ".join(t["content"].split(" ")).strip()
    return turns, ([defect] if defect else [])
