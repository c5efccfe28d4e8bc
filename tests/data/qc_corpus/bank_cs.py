"""Bank CS: thorax, heart and mediastinum (axial CT "LP", frontal chest X-ray coronal "LI"), written blind.

Registers: a multidisciplinary tumour board ("mdt"), a verification checklist ("checklist"), an answer with
numbered citations and footnotes ("cite"), a clinician interviewing a patient in lay language ("interview").
Facts are the product's own measurement of a synthetic mask (`medseg_qa.facts.compute_facts`, no body
outline: image-centre frame, image-fraction size classes); every sentence about the target is written from
those facts. A defective row carries exactly one false claim (in the first answer, a follow-up answer, or a
user's question that the assistant goes along with); names_target defects name the target in the first
question. Clean rows carry true traps: negations, the display convention, other structures' sides and
sizes, textbook population numbers, hedges, a patient's wrong belief that the clinician corrects.

First measure: not run by this writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["mdt", "checklist", "cite", "interview"]

CT, CXR = ("CT", "LP"), ("XR", "LI")

# shapes: (cx, cy, rx, ry) in image units; others: normalised centroids of other structures in the slice
PROFILES = [
    dict(target="lung", view=CT, shapes=[(0.3, 0.52, 0.15, 0.24), (0.7, 0.52, 0.15, 0.24)],
         others={"heart": (0.55, 0.38), "spine": (0.5, 0.8)}, name="the lungs",
         desc=["the paired spongy organs that exchange oxygen and carbon dioxide",
               "the air-filled organs where breathing actually moves gas into the blood"],
         forms=["the lungs", "the pulmonary parenchyma", "both lung fields"]),
    dict(target="lung", view=CXR, shapes=[(0.3, 0.45, 0.14, 0.26), (0.7, 0.45, 0.14, 0.26)],
         others={"heart": (0.55, 0.68), "trachea": (0.5, 0.12)}, name="the lungs",
         desc=["the two air-filled organs that look dark on this film and do the gas exchange"],
         forms=["the lung fields", "the pulmonary fields", "the lungs"]),
    dict(target="right lung", view=CT, shapes=[(0.3, 0.52, 0.15, 0.24)],
         others={"heart": (0.55, 0.38), "aorta": (0.58, 0.62)}, name="the right lung",
         desc=["the three-lobed organ of breathing on one side of the chest"],
         forms=["the right lung", "the right pulmonary parenchyma", "the R lung"]),
    dict(target="left lower lung lobe", view=CT, shapes=[(0.7, 0.66, 0.12, 0.12)],
         others={"heart": (0.55, 0.38), "aorta": (0.58, 0.62)}, name="the left lower lobe",
         desc=["the lowest, back-lying portion of the two-lobed side's breathing organ"],
         forms=["the left lower lobe", "the LLL", "the left lower lung lobe"]),
    dict(target="right upper lung lobe", view=CXR, shapes=[(0.3, 0.28, 0.12, 0.1)],
         others={"heart": (0.55, 0.68), "liver": (0.3, 0.88)}, name="the right upper lobe",
         desc=["the top portion of the breathing organ on the side that has three such portions"],
         forms=["the right upper lobe", "the RUL", "the right upper lung lobe"]),
    dict(target="heart", view=CT, shapes=[(0.57, 0.38, 0.13, 0.11)],
         others={"spine": (0.5, 0.82), "aorta": (0.58, 0.62)}, name="the heart",
         desc=["the muscular pump that drives blood through both circulations"],
         forms=["the heart", "the cardiac silhouette", "the cardiac chambers"]),
    dict(target="heart", view=CXR, shapes=[(0.56, 0.66, 0.15, 0.12)],
         others={"trachea": (0.5, 0.12), "liver": (0.3, 0.88)}, name="the heart",
         desc=["the blood pump whose outline shows as a white silhouette on this film"],
         forms=["the heart", "the cardiac shadow", "the cardio-mediastinal contour"]),
    dict(target="left ventricle", stem="left ventric", view=CT, shapes=[(0.65, 0.4, 0.06, 0.05)],
         others={"spine": (0.5, 0.82), "aorta": (0.58, 0.62)}, name="the left ventricle",
         desc=["the thick-walled chamber that pumps oxygenated blood out to the whole body"],
         forms=["the left ventricle", "the LV", "the left ventricular cavity"]),
    dict(target="right atrium", view=CT, shapes=[(0.38, 0.44, 0.05, 0.045)],
         others={"spine": (0.5, 0.82), "aorta": (0.58, 0.62)}, name="the right atrium",
         desc=["the chamber that first receives blood returning from the body through the great veins"],
         forms=["the right atrium", "the RA", "the right atrial chamber"]),
    dict(target="aorta", stem="aort", view=CT, shapes=[(0.46, 0.36, 0.04, 0.04), (0.59, 0.62, 0.035, 0.035)],
         others={"spine": (0.5, 0.82), "trachea": (0.5, 0.5)}, name="the aorta",
         desc=["the body's main artery, seen here both where it leaves the pump and where it runs down by the spine"],
         forms=["the aorta", "the thoracic aorta", "the aortic lumen"]),
    dict(target="pulmonary artery", view=CT, shapes=[(0.56, 0.33, 0.05, 0.04)],
         others={"spine": (0.5, 0.82), "trachea": (0.5, 0.5)}, name="the pulmonary trunk",
         desc=["the vessel that carries deoxygenated blood from the pump toward the breathing organs"],
         forms=["the pulmonary trunk", "the main PA", "the pulmonary artery"]),
    dict(target="superior vena cava", view=CT, shapes=[(0.4, 0.4, 0.03, 0.03)],
         others={"spine": (0.5, 0.82), "aorta": (0.55, 0.4)}, name="the superior vena cava",
         desc=["the main vein that brings blood from the head and arms back to the pump"],
         forms=["the SVC", "the superior vena cava", "the caval vein"]),
    dict(target="trachea", stem="trache", view=CT, shapes=[(0.5, 0.42, 0.035, 0.035)],
         others={"spine": (0.5, 0.82), "sternum": (0.5, 0.15)}, name="the trachea",
         desc=["the stiff air tube, held open by cartilage rings, that leads down from the voice box"],
         forms=["the trachea", "the windpipe", "the tracheal lumen"]),
    dict(target="esophagus", stem="oesophag", view=CT, shapes=[(0.52, 0.6, 0.03, 0.025)],
         others={"sternum": (0.5, 0.15), "spine": (0.5, 0.82)}, name="the oesophagus",
         desc=["the muscular tube that carries swallowed food down to the stomach"],
         forms=["the oesophagus", "the esophagus", "the gullet"]),
    dict(target="lung tumour", view=CT, foci=[(0.28, 0.42), (0.33, 0.62), (0.72, 0.45), (0.68, 0.66), (0.25, 0.5)],
         r=(0.02, 0.045), others={"heart": (0.55, 0.38), "spine": (0.5, 0.82)}, name="the abnormal area",
         desc=["the abnormal spot or spots in the breathing organs that prompted the referral for a smoker's cough",
               "whatever looks like new growth in the air-filled organs, found at a smoking-history screening"],
         forms=["the lung nodules", "the pulmonary lesions", "the tumour"]),
    dict(target="pleural effusion", view=CT, foci=[(0.3, 0.74), (0.7, 0.74)], r=(0.1, 0.05),
         others={"heart": (0.55, 0.38), "sternum": (0.5, 0.15)}, name="the fluid collection",
         desc=["the fluid that has collected in the space between the chest wall lining and the breathing organ"],
         forms=["the pleural effusion", "the effusions", "the pleural fluid"]),
    dict(target="pneumothorax", view=CXR, foci=[(0.25, 0.2), (0.75, 0.2)], r=(0.08, 0.07),
         others={"heart": (0.55, 0.68), "liver": (0.3, 0.88)}, name="the collapsed-lung air",
         desc=["the free air that has leaked outside the breathing organ after a chest drain was removed"],
         forms=["the pneumothorax", "the PTX", "the pneumothoraces"]),
]

SIDE_WORD = {"left": "left", "right": "right"}
VERT = {"anterior": ["anteriorly", "toward the front of the chest", "in the anterior part of the chest"],
        "posterior": ["posteriorly", "toward the back", "in the dependent, back part of the chest"],
        "superior": ["superiorly", "in the upper zone of the chest", "high up, toward the lung apex"],
        "inferior": ["inferiorly", "in the lower zone of the chest", "low down, toward the base"],
        "centralLP": ["at mid-depth, neither clearly in front nor behind", "roughly central from front to back"],
        "centralLI": ["at mid-height of the chest, neither high nor low", "roughly central from top to bottom"]}
REL = {"left_of": "to the patient's left of {o}", "right_of": "to the patient's right of {o}",
       "anterior_to": "in front of {o}", "posterior_to": "behind {o}", "superior_to": "above {o}",
       "inferior_to": "below {o}"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to", "left": "right", "right": "left",
        "anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}
LAY = {"sternum": "breastbone", "spine": "backbone", "trachea": "windpipe"}  # plain words for the interview

# true background sentences about other structures, conventions and populations (the traps)
CONVENTION = {"LP": ["On axial CT the images are viewed from the feet, so the patient's left appears on the "
                     "viewer's right.", "By radiological convention the right side of the screen is the patient's left."],
              "LI": ["On a frontal chest film the patient's right is displayed on the viewer's left.",
                     "As usual for a PA film, the side on your left as you look at it is the patient's right."]}
KNOWLEDGE = ["The right lung has three lobes and the left lung has two.",
             "The right main bronchus is shorter, wider and more vertical than the left one.",
             "The aortic arch normally passes to the left of the trachea.",
             "The liver lies under the right hemidiaphragm, which usually sits a little higher than the left.",
             "The cardiac apex normally points to the left and forward.",
             "The oesophagus runs behind the trachea in the upper chest.",
             "The left atrium is the most posterior of the four cardiac chambers."]
POPULATION = ["About 85% of lung cancers are non-small-cell cancers.",
              "In adults the trachea is roughly 10 to 12 cm long.",
              "A cardiothoracic ratio above 0.5 on a PA film is usually called cardiomegaly.",
              "The right lung accounts for about 55% of total lung volume in most adults.",
              "Most pulmonary nodules under 6 mm in low-risk adults are benign."]


def record_for(p: dict) -> dict:
    return {"modality": p["view"][0], "body_region": "thorax", "orientation": p["view"][1]}


def _shapes(p: dict, rng: random.Random) -> list[tuple]:
    if "foci" not in p:
        return [(cx + rng.uniform(-0.015, 0.015), cy + rng.uniform(-0.015, 0.015), rx * rng.uniform(0.9, 1.1),
                 ry * rng.uniform(0.9, 1.1)) for cx, cy, rx, ry in p["shapes"]]
    k = rng.choice([1, 2]) if p["target"] != "lung tumour" else rng.choice([1, 2, 3])
    r0, r1 = p["r"]
    if p["target"] == "lung tumour":
        return [(cx + rng.uniform(-0.02, 0.02), cy + rng.uniform(-0.02, 0.02), r, r * rng.uniform(0.85, 1.15))
                for (cx, cy), r in ((c, rng.uniform(r0, r1)) for c in rng.sample(p["foci"], k))]
    return [(cx + rng.uniform(-0.02, 0.02), cy + rng.uniform(-0.02, 0.02), r0 * rng.uniform(0.8, 1.2),
             r1 * rng.uniform(0.8, 1.2)) for cx, cy in rng.sample(p["foci"], k)]


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n] / (n - 1)
    mask = np.zeros((n, n), bool)
    for cx, cy, rx, ry in _shapes(p, rng):
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1
    return compute_facts(mask, p["view"][1], others=dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Weight multi-region and bilateral masks (lungs, foci, effusions, aorta) a little."""
    multi = [q for q in profiles if "foci" in q or len(q.get("shapes", [])) > 1]
    return rng.choice(multi) if rng.random() < 0.3 else rng.choice(profiles)


# -- phrases written from facts -----------------------------------------------------------------------

def side_text(side: str, rng: random.Random, lay: bool = False) -> str:
    """A one-sided location (left or right); `say` words bilateral and midline masks itself."""
    who = "your" if lay else "the patient's"
    return rng.choice([f"on {who} {side} side", f"{side}-sided", f"in the {side} hemithorax" if not lay
                       else f"on {who} {side}", f"on the {side}"])


def vert_text(v: str, rng: random.Random, orient: str) -> str:
    return rng.choice(VERT[v + orient if v == "central" else v])


def size_text(cls: str, frac: float, rng: random.Random, lay: bool = False) -> str:
    pct = frac * 100
    num = rng.choice([f"about {pct:.1f}%", f"roughly {pct:.1f} percent", f"≈{pct:.1f}%"])
    if lay:
        return rng.choice([f"{cls} - {num} of the picture", f"{cls}, taking up {num} of the picture"])
    return rng.choice([f"{cls}, {num} of the image", f"{cls} (covering {num} of the image area)",
                       f"a {cls} area, {num} of the frame", f"{cls} in size, with an area of {num} of the image"])


def count_text(n: int, rng: random.Random, lay: bool = False) -> str:
    if n == 1:
        return rng.choice(["one single patch", "a single connected region"] if lay else
                          ["a single connected region", "one contiguous piece", "one continuous area"])
    if lay:
        return rng.choice([f"{NUM.get(n, n)} separate patches", f"{NUM.get(n, n)} distinct spots"])
    return rng.choice([f"{NUM.get(n, n)} separate regions", f"{NUM.get(n, n)} distinct, unconnected parts",
                       f"{NUM.get(n, n)} separate foci"])


def false_value(kind: str, facts: dict, rng: random.Random):
    """A clearly false value for one fact kind, as (key, value) in the form `say` takes."""
    if kind == "laterality":
        s = facts["laterality"]
        return "side", FLIP.get(s) or rng.choice(["left", "right"])
    if kind == "position":
        rels = facts["relations"]
        if rels and (facts["vertical"] == "central" or rng.random() < 0.4):
            r = rng.choice(rels)
            return "pos", ("rel", (FLIP[r["relation"]], r["other"]))
        return "pos", ("vert", FLIP[facts["vertical"]])
    if kind == "size":
        f = facts["area_fraction"]
        if facts["size_class"] == "small" or (facts["size_class"] == "medium" and f < 0.03):
            return "size", ("large", max(0.14, f * 8))
        return "size", ("small", 0.003)
    return "count", 2 if facts["components"] == 1 else 1


def true_values(facts: dict, rng: random.Random) -> dict:
    vals = {"side": facts["laterality"], "size": (facts["size_class"], facts["area_fraction"]),
            "count": facts["components"]}
    rels = facts["relations"]
    if facts["vertical"] == "central" and rels or rels and rng.random() < 0.35:
        r = rng.choice(rels)
        vals["pos"] = ("rel", (r["relation"], r["other"]))
    else:
        vals["pos"] = ("vert", facts["vertical"])
    return vals


def say(key: str, val, rng: random.Random, lay: bool = False, orient: str = "LP") -> str:
    """One clause stating a fact (`key` side/pos/size/count) about the target (subject 'it')."""
    if key == "side":
        if val == "bilateral":
            return rng.choice(["it is bilateral, with one part in each half of the chest", "it lies on both sides",
                               "it is present on both the right and the left"])
        if val == "midline":
            return rng.choice(["it lies in the midline", "it is central, straddling the midline",
                               "it sits right in the middle, on neither side"])
        t = side_text(val, rng, lay)
        return f"it is {t}" if t.endswith("sided") else rng.choice([f"it lies {t}", f"it is {t}"])
    if key == "pos":
        k, v = val
        if k == "rel":
            where = REL[v[0]].format(o="the " + (LAY.get(v[1], v[1]) if lay else v[1]))
            return rng.choice([f"it sits {where}", f"it lies {where}", f"it is located {where}", f"it is found {where}"])
        where = vert_text(v, rng, orient)
        return rng.choice([f"it lies {where}", f"it sits {where}", f"it is located {where}"])
    if key == "size":
        return rng.choice([f"it is {size_text(val[0], val[1], rng, lay)}",
                           f"in size it is {size_text(val[0], val[1], rng, lay)}"])
    return rng.choice([f"it forms {count_text(val, rng, lay)}", f"it appears as {count_text(val, rng, lay)}",
                       f"it is made up of {count_text(val, rng, lay)}"])


def negations(facts: dict, rng: random.Random) -> list[str]:
    out = []
    s = facts["laterality"]
    if s in SIDE_WORD:
        out.append(f"It is not on the {FLIP[s]} side.")
    if facts["components"] == 1:
        out.append(rng.choice(["There is no second focus.", "No separate second part is seen."]))
    return out


def user_presuppose(key: str, val, rng: random.Random, orient: str) -> str:
    """A user's question presupposing a (false) fact."""
    if key == "side":
        where = {"bilateral": "on both sides", "midline": "in the midline"}.get(val) or side_text(val, rng)
        return rng.choice([f"Why is it {where} here?", f"Since it is {where}, is that normal?"])
    if key == "pos":
        k, v = val
        where = REL[v[0]].format(o="the " + v[1]) if k == "rel" else vert_text(v, rng, orient)
        return rng.choice([f"So it sits {where} - why would it be there?", f"Given that it is {where}, what does that mean?"])
    if key == "size":
        return rng.choice([f"Why is it {val[0]}, {val[1] * 100:.1f}% of the image?",
                           f"If it is {val[0]} (about {val[1] * 100:.1f}% of the image), does that matter?"])
    return rng.choice([f"Why does it form {count_text(val, rng)}?", f"It is {count_text(val, rng)}, so what next?"])


FOLLOW_Q = {"side": ["Which side, then?", "Which side is it on?", "Left or right side?"],
            "pos": ["Where exactly is it?", "Where does it sit?", "Where does it sit relative to its neighbours?"],
            "size": ["How big is it?", "And its size?", "Is it large?"],
            "count": ["How many parts?", "Is it one piece?", "Any second region?"]}
GENERIC = ["Its location is set by the surrounding anatomy; the outline simply follows the visible boundary.",
           "That is a fair question; the mask only traces what is visible on this image, so clinical context matters.",
           "Appearances like this are common; correlation with the history and prior imaging is the next step."]

KIND_KEY = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


# -- registers -----------------------------------------------------------------------------------------

def _sent(clause: str) -> str:
    return clause[0].upper() + clause[1:] + "."


def _subject(clause: str, name: str, rng: random.Random) -> str:
    """Sometimes name the target instead of 'it' (answers may name it)."""
    plural = name == "the lungs"
    return clause.replace("it ", name + " ", 1) if rng.random() < 0.35 and not plural else clause


def first_question(p: dict, style: str, rng: random.Random, names: bool) -> str:
    what = rng.choice(p["desc"])
    if names:
        form = rng.choice(p["forms"])
        what = rng.choice([form, f"{what} (that is, {form})", f"{form}, {what}"])
    frames = {
        "mdt": [f"For this afternoon's multidisciplinary meeting, could radiology outline {what} on this slice?",
                f"MDT prep: could you mark {what} and give the team a short reading?",
                f"Before the case is discussed by the multidisciplinary team, can you segment {what}?"],
        "checklist": [f"Could you run your verification checklist and segment {what} on this image?",
                      f"Can you find {what} and confirm each finding step by step?",
                      f"Can you locate {what} and verify side, position, size and number of parts?"],
        "cite": [f"Where is {what} on this image? Please cite your sources.",
                 f"With numbered references, can you show me {what}?",
                 f"Could you segment {what} and back up any background statements with footnotes?"],
        "interview": [f"Doctor, can you point out {what} on my scan?",
                      f"I'm a bit nervous - could you show me {what} on this picture?",
                      f"My GP mentioned {what}. Where is it on these images?"],
    }
    return rng.choice(frames[style])


def render_answer(p: dict, style: str, clauses: list[tuple[str, str]], extras: list[str], rng: random.Random) -> str:
    """The first answer: one [SEG], fact clauses (key, clause) and true background sentences."""
    orient = p["view"][1]
    conv = rng.choice(CONVENTION[orient])
    know = rng.sample([k for k in KNOWLEDGE if not p.get("stem") or p["stem"] not in k.lower()], 2)
    pop, pop2 = rng.sample(POPULATION, 2)
    name = p["name"]
    facts_txt = " ".join(_sent(_subject(c, name, rng)) for _, c in clauses)
    extra = " ".join(extras)
    if style == "mdt":
        return (f"**Radiologist:** [SEG] My reading of this slice: the outlined structure is {name}. "
                f"{facts_txt} {extra} {conv}\n\n**Surgeon:** Thanks. {know[0]} That matters for access if we operate.\n\n"
                f"**Oncologist:** For context, {pop[0].lower() + pop[1:]} Decisions will follow staging.\n\n"
                f"**Pathologist:** {know[1]} We would likely want tissue before a final plan.").replace("  ", " ")
    if style == "checklist":
        lines = [f"Segmentation returned: [SEG] ({name})."]
        n = len(clauses) + 1
        for i, (key, c) in enumerate(clauses, 1):
            label = {"side": "side", "pos": "position", "size": "size", "count": "number of regions"}[key]
            if rng.random() < 0.25:
                lines.append(f"Check {i}/{n} ⚠️ {label}: {_sent(c)[:-1]} (probably; confirm on adjacent images).")
            else:
                lines.append(f"Check {i}/{n} ✅ {label}: {_sent(c)}")
        lines.append(f"Check {n}/{n} ⚠️ caveat: single 2D image only; {conv[0].lower() + conv[1:]}")
        if extras:
            lines.append("Notes: " + " ".join(extras))
        lines.append(f"Background: {know[0]}")
        return "\n".join(lines)
    if style == "cite":
        body = " ".join(f"{_sent(_subject(c, name, rng))[:-1]} [{i}]." for i, (_, c) in enumerate(clauses, 1))
        refs = [conv, know[0], pop2, know[1]][:max(len(clauses), 1)]
        foot = "\n".join(f"[{i}] {r}" for i, r in enumerate(refs, 1))
        return (f"The highlighted region [SEG] corresponds to {name}. {body} {extra}\n\n"
                f"Footnotes:\n{foot}\n¹ Textbook background: {pop}").replace("  ", " ")
    return (f"Of course. Here it is: [SEG] The coloured area is {name}. {facts_txt} {extra} "
            f"{conv} Many people find that confusing at first. {know[0]}").replace("  ", " ")


def render_follow(style: str, clause: str, rng: random.Random, lay_conv: str) -> str:
    s = _sent(clause)
    if style == "mdt":
        return f"**Radiologist:** {s} **Surgeon:** Noted, that fits what we would expect to plan around."
    if style == "checklist":
        return f"Re-check ✅ {s} Nothing else changes in the list above."
    if style == "cite":
        return f"{s[:-1]} [1].\n\n[1] {lay_conv}"
    return rng.choice([f"Good question. {s} That is what the picture shows.", f"Looking again, {clause}."])


def _user(style: str, text: str) -> str:
    return {"mdt": "Coordinator: ", "checklist": "", "cite": "", "interview": ""}[style] + text


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    key = KIND_KEY.get(defect)
    loc = None
    if key:
        u = rng.random()
        loc = "user" if u < 0.2 else "follow" if u < 0.4 else "answer"
    vals = true_values(facts, rng)
    false = false_value(defect, facts, rng) if key else None
    keys = ["side", "pos", "size", "count"]
    rng.shuffle(keys)
    shown = [k for k in keys if not (key and loc != "answer" and k == key)]
    shown = shown[:rng.choice([2, 3, 4])] if len(shown) > 2 else shown
    if key and loc == "answer" and key not in shown:
        shown[-1] = key
    lay = style == "interview"
    o = p["view"][1]
    clauses = [(k, say(k, false[1] if (key == k and loc == "answer") else vals[k], rng, lay, o)) for k in shown]
    extras = rng.sample(negations(facts, rng), min(len(negations(facts, rng)), rng.choice([0, 1, 1, 2])))
    if key in ("side", "count"):  # a negation about the planted fact would contradict it twice
        extras = [e for e in extras if ("side" in e) != (key == "side")]
    if rng.random() < 0.4:
        extras.append(rng.choice(["This is probably the whole of it on this slice, although partial volume can blur edges.",
                                  "The boundary is likely accurate to within a few pixels."]))
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": render_answer(p, style, clauses, extras, rng)}]
    conv = rng.choice(CONVENTION[p["view"][1]])
    if key and loc == "follow":
        turns += [{"role": "user", "content": _user(style, rng.choice(FOLLOW_Q[key]))},
                  {"role": "assistant", "content": render_follow(style, say(key, false[1], rng, lay, o), rng, conv)}]
    elif key and loc == "user":
        turns += [{"role": "user", "content": _user(style, user_presuppose(key, false[1], rng, o))},
                  {"role": "assistant", "content": rng.choice(GENERIC)}]
    rounds = rng.choice([0, 1, 1, 2]) if len(turns) == 2 else rng.choice([0, 1])
    free = [k for k in ["side", "pos", "size", "count"] if k != key]
    background = [k for k in KNOWLEDGE + POPULATION if not p.get("stem") or p["stem"] not in k.lower()]
    draws = rng.sample([0.1, 0.4, 0.7, 0.9], rounds)
    for r in draws:
        if style == "interview" and facts["laterality"] in SIDE_WORD and key != "side" and r < 0.35:
            wrong = FLIP[facts["laterality"]]
            q = rng.choice([f"I was told it was on my {wrong} side - is that right?",
                            f"I always thought the trouble was on my {wrong}. Is it?"])
            a = f"Not quite - on this scan {say('side', facts['laterality'], rng, True)}, not on your {wrong}."
        elif r < 0.5:
            k = rng.choice(free)
            q, a = rng.choice(FOLLOW_Q[k]), render_follow(style, say(k, vals[k], rng, lay, o), rng, conv)
        elif r < 0.8:
            q, a = rng.choice(["Why is that?", "Why does that matter?", "Is that normal?"]), \
                "Some background: " + rng.choice(background)
        else:
            q = rng.choice(["Thanks, anything else to note?", "OK. What would you do next?"])
            a = rng.choice(["Correlation with prior imaging and the clinical picture would be the sensible next step.",
                            "Nothing further on this image; a follow-up study could confirm stability over time."])
        turns += [{"role": "user", "content": _user(style, q)}, {"role": "assistant", "content": a}]
    turns = turns[:6]
    return turns, ([defect] if defect else [])
