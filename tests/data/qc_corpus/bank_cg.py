"""Bank CG: a blind QC evaluation bank on thorax, heart and mediastinum CT/MR (axial "LP", coronal "LI").

Written without opening the QC rules. Masks are drawn as numpy ellipses (one to three components) and
measured with `medseg_qa.facts.compute_facts`; all prose is written from those measured facts.
Registers: social-media micro-answers with hashtags, English with Spanish/French glosses, a cardiology
fellow's structured read, and a "myth vs fact" explainer.
First measure: not run by this writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

N = 256
STYLES = ["social", "gloss", "fellow", "myth"]
OTHERS = {"LP": {"thoracic vertebra": (0.5, 0.84), "sternum": (0.5, 0.16)},
          "LI": {"liver": (0.33, 0.86), "heart": (0.54, 0.55)}}


def _e(dx, dy, rx, ry):
    return (dx, dy, rx, ry)


def _lung_spots(rng, orient):
    k = rng.choice([1, 1, 2, 2, 3])
    spots = []
    for _ in range(k):
        side = rng.choice([-1, 1])
        spots.append(_e(side * rng.uniform(0.14, 0.3), rng.uniform(-0.2, 0.2), rng.uniform(0.015, 0.035),
                        rng.uniform(0.015, 0.035)))
    return spots


PROFILES = [
    dict(target="lung", short="lungs", orient="LP", modality="CT",
         comps=lambda r, o: [_e(-0.2, r.uniform(-0.02, 0.1), 0.12, 0.2), _e(0.2, r.uniform(-0.02, 0.1), 0.11, 0.2)],
         hint=["the two spongy air-filled organs that swap oxygen for carbon dioxide",
               "the organs that fill with air on every breath in",
               "the air-exchanging tissue that fills most of the chest"],
         names=["the two lungs", "the pulmonary parenchyma", "the lung fields"], key="Lungs"),
    dict(target="right lung", short="right lung", orient="LI", modality="MR",
         comps=lambda r, o: [_e(-0.2, r.uniform(-0.12, 0.0), 0.12, 0.22)],
         hint=["the three-lobed air-filled organ on the side of the liver",
               "the breathing organ that has a horizontal fissure"],
         names=["the right lung", "the right pulmonary parenchyma", "the right lung field"], key="R lung"),
    dict(target="left lung", short="left lung", orient="LP", modality="CT",
         comps=lambda r, o: [_e(0.21, r.uniform(-0.02, 0.1), 0.11, 0.2)],
         hint=["the two-lobed air-filled organ with the cardiac notch",
               "the breathing organ that has a lingula"],
         names=["the left lung", "the left lung field", "the left pulmonary lobes"], key="L lung"),
    dict(target="left ventricle", short="LV", orient="LP", modality="MR",
         comps=lambda r, o: [_e(r.uniform(0.1, 0.15), r.uniform(-0.1, -0.02), r.uniform(0.06, 0.08), 0.06)],
         hint=["the thick-walled chamber that pumps blood out through the aortic valve",
               "the pumping chamber whose ejection fraction is quoted on an echo report"],
         names=["the LV", "the left ventricular cavity", "the left ventricle"], key="LV"),
    dict(target="right atrium", short="RA", orient="LP", modality="CT",
         comps=lambda r, o: [_e(-r.uniform(0.11, 0.15), r.uniform(-0.06, 0.03), r.uniform(0.04, 0.07), 0.05)],
         hint=["the chamber that receives blood returning from both venae cavae",
               "the heart chamber that holds the sinoatrial node"],
         names=["the RA", "the right atrial chamber", "the right atrium"], key="RA"),
    dict(target="aorta", short="aorta", orient="LP", modality="CT",
         comps=lambda r, o: ([_e(-0.03, -0.1, 0.045, 0.045), _e(0.07, 0.15, 0.035, 0.035)] if r.random() < 0.6
                             else [_e(0.07, 0.15, 0.04, 0.04)]),
         hint=["the main artery that carries blood from the heart to the body",
               "the vessel that can dissect and cause tearing chest pain"],
         names=["the aorta", "the aortic lumen", "the thoracic aorta"], key="Aorta"),
    dict(target="pulmonary artery", short="main PA", orient="LP", modality="CT",
         comps=lambda r, o: [_e(r.uniform(0.02, 0.07), -0.12, r.uniform(0.05, 0.07), 0.05)],
         hint=["the vessel that carries deoxygenated blood from the right heart toward the air sacs",
               "the vessel whose widening suggests raised pressure in the chest circulation"],
         names=["the pulmonary trunk", "the main pulmonary artery", "the MPA"], key="MPA"),
    dict(target="superior vena cava", short="SVC", orient="LP", modality="CT",
         comps=lambda r, o: [_e(-r.uniform(0.09, 0.12), -0.08, 0.03, 0.03)],
         hint=["the large vein that drains the head and arms into the heart",
               "the vein that gets obstructed by a mediastinal tumour, swelling the face"],
         names=["the SVC", "the superior vena cava", "the superior caval vein"], key="SVC"),
    dict(target="trachea", short="trachea", orient="LI", modality="CT",
         comps=lambda r, o: [_e(0.0, -r.uniform(0.25, 0.32), 0.03, 0.12)],
         hint=["the cartilage-ringed tube that carries air down to the bronchi",
               "the airway that a breathing tube sits in during intubation"],
         names=["the windpipe", "the trachea", "the tracheal lumen"], key="Airway"),
    dict(target="esophagus", short="oesophagus", orient="LP", modality="CT",
         comps=lambda r, o: [_e(r.uniform(0.0, 0.03), 0.12, 0.025, 0.025)],
         hint=["the muscular tube that carries swallowed food down to the stomach",
               "the tube that is studied with a barium swallow"],
         names=["the oesophagus", "the esophageal wall", "the gullet"], key="Oesophagus"),
    dict(target="thymus", short="thymus", orient="LP", modality="MR",
         comps=lambda r, o: [_e(0.0, -0.22, r.uniform(0.06, 0.09), 0.04)],
         hint=["the gland where T cells mature, large in children and fatty in adults",
               "the gland that may be removed to treat myasthenia gravis"],
         names=["the thymus", "the thymus gland", "the thymic tissue"], key="Thymus"),
    dict(target="pleural effusion", short="effusion", orient="LP", modality="CT",
         comps=lambda r, o: ([_e(-0.22, 0.24, 0.1, 0.06), _e(0.22, 0.24, 0.1, 0.06)] if r.random() < 0.4
                             else [_e(r.choice([-1, 1]) * 0.22, 0.24, r.uniform(0.08, 0.14), 0.06)]),
         hint=["the liquid that has collected in the space around the breathing organs",
               "the collection that blunts the costophrenic angle and may need draining"],
         names=["the pleural effusion", "the effusion", "the pleural fluid"], key="Pleura"),
    dict(target="pleural effusion", short="effusion", orient="LI", modality="MR",
         comps=lambda r, o: [_e(r.choice([-1, 1]) * 0.22, 0.26, r.uniform(0.08, 0.13), 0.05)],
         hint=["the liquid that has settled at the base of the chest cavity, outside the air-filled organs"],
         names=["the pleural effusion", "the hydrothorax", "the pleural collection"], key="Pleura"),
    dict(target="lung tumour", short="nodule", orient="LP", modality="CT",
         comps=_lung_spots,
         hint=["the small round spot(s) that a screening scan of a smoker might pick up",
               "the abnormal focal opacity that may need follow-up under the Fleischner rules"],
         names=["the lung nodule", "the pulmonary nodules", "the lung lesion"], key="Nodule"),
    dict(target="lung tumour", short="nodule", orient="LI", modality="CT",
         comps=_lung_spots,
         hint=["the rounded spot(s) in the air-filled tissue that a radiologist would want to follow up"],
         names=["the lung mass", "the pulmonary nodule", "the lung tumour"], key="Nodule"),
    dict(target="pericardial fat pad", short="fat pad", orient="LI", modality="CT",
         comps=lambda r, o: [_e(r.choice([-1, 1]) * r.uniform(0.1, 0.14), 0.2, 0.05, 0.04)],
         hint=["the soft fatty cushion at the cardiophrenic angle that can mimic a mass on a chest film"],
         names=["the pericardial fat pad", "the pericardial fat", "the fat pad"], key="Fat pad"),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": "thorax", "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    """Multi-region masks get extra weight for count defects."""
    if defect == "count" and rng.random() < 0.4:
        return rng.choice([q for q in profiles if q["target"] in ("lung", "lung tumour", "aorta", "pleural effusion")])
    return rng.choice(profiles)


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:N, 0:N]
    mask = np.zeros((N, N), bool)
    for dx, dy, rx, ry in p["comps"](rng, p["orient"]):
        cx, cy = (0.5 + dx) * (N - 1), (0.5 + dy) * (N - 1)
        mask |= ((xx - cx) / (rx * N)) ** 2 + ((yy - cy) / (ry * N)) ** 2 <= 1
    return compute_facts(mask, p["orient"], others=OTHERS[p["orient"]]).model_dump(mode="json")


# ---- fact phrases ---------------------------------------------------------------------------------

NUM = {1: "one", 2: "two", 3: "three", 4: "four"}
GL = {"left": "izquierdo", "right": "derecho", "anterior": "anterior", "posterior": "posterior",
      "superior": "superior", "inferior": "inferior", "small": "pequeño", "medium": "mediano", "large": "grande",
      "both": "ambos lados", "midline": "línea media", "one": "uno", "two": "dos", "three": "tres", "four": "cuatro"}
GLF = {"left": "gauche", "right": "droit", "anterior": "antérieur", "posterior": "postérieur", "superior": "supérieur",
       "inferior": "inférieur", "small": "petit", "medium": "moyen", "large": "grand", "both": "des deux côtés",
       "midline": "ligne médiane", "one": "un", "two": "deux", "three": "trois", "four": "quatre"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_WORDS = {"left_of": ["to the patient's left of the {o}", "left of the {o}"],
             "right_of": ["to the patient's right of the {o}", "right of the {o}"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def g(word, style, rng):
    """A word with a Spanish or French gloss in the bilingual register."""
    if style != "gloss" or word not in GL:
        return word
    return f"{word} ({rng.choice([GL, GLF])[word]})"


def side_text(side, style, rng):
    if side in ("left", "right"):
        w = g(side, style, rng)
        return rng.choice([f"It lies on the patient's {w} side.", f"This one is {w}-sided.",
                           f"Side: patient's {w}.", f"It sits in the {w} hemithorax."])
    if side == "bilateral":
        both = " (ambos lados / des deux côtés)" if style == "gloss" else ""
        return rng.choice([f"It is bilateral, with one part on each side{both}.",
                           "Both sides are involved, left and right.",
                           "There is a region on the patient's left and another on the right."])
    return rng.choice([f"It sits in the {g('midline', style, rng)}.", "Midline, straddling the centre of the chest.",
                       "It lies centrally, on the midline, not off to one side."])


def wrong_side(side, style, rng):
    if side in ("left", "right"):
        return side_text(OPP[side], style, rng)
    if side == "bilateral":
        w = g(rng.choice(["left", "right"]), style, rng)
        return rng.choice([f"It is confined to the patient's {w} side only.", f"Only the {w} side is involved."])
    w = g(rng.choice(["left", "right"]), style, rng)
    return rng.choice([f"It sits well off to the patient's {w}, far from the midline.",
                       f"It lies laterally in the {w} hemithorax, not in the middle."])


def vert_text(vert, style, rng, orient):
    if vert == "central":
        axis = "front-to-back" if orient == "LP" else "top-to-bottom"
        return rng.choice([f"Along the {axis} axis it sits about halfway.",
                           f"It is roughly central in the {axis} direction."])
    w = g(vert, style, rng)
    plain = {"anterior": "toward the front of the chest", "posterior": "toward the back of the chest",
             "superior": "toward the top of the chest", "inferior": "toward the base of the chest"}[vert]
    return rng.choice([f"It sits {plain}.", f"Position: {w} on this slice.", f"It lies {vert}ly here.",
                       f"It is in the {w} part of the chest."])


def rel_text(rel, style, rng):
    o = rel["other"]
    return rng.choice(["It lies ", "It is ", "The highlighted region sits "]) + \
        rng.choice(REL_WORDS[rel["relation"]]).format(o=o) + "."


def size_text(f, style, rng):
    pct = 100 * f["area_fraction"]
    cls = f["size_class"]
    w = g(cls, style, rng)
    p = f"{pct:.1f}%"
    return rng.choice([f"Size: {w}, about {p} of the image.", f"It is {w}, covering roughly {p} of the frame.",
                       f"A {w} region here (~{p} of the image area).", f"It is {w} on this slice."])


def wrong_size(f, style, rng):
    cls = f["size_class"]
    if cls == "large":
        return rng.choice([f"It is {g('small', style, rng)}, well under 1% of the image.",
                           "Tiny here: only about 0.3% of the frame."])
    big = rng.uniform(18, 30)
    return rng.choice([f"It is {g('large', style, rng)}, taking up about {big:.0f}% of the image.",
                       f"A {g('large', style, rng)} region, roughly a quarter of the whole frame."])


def count_text(n, style, rng):
    if n == 1:
        return rng.choice([f"It forms {g('one', style, rng)} connected region.", "A single piece, no second focus.",
                           "One contiguous region."])
    w = g(NUM[n], style, rng)
    return rng.choice([f"It is made of {w} separate regions.", f"There are {w} distinct parts.",
                       f"{w.capitalize()} separate components in total."])


def wrong_count(n, style, rng):
    if n == 1:
        return rng.choice([f"It is split into {g('two', style, rng)} separate pieces.",
                           "There are two distinct regions, not one."])
    return rng.choice(["It is a single connected region.", f"It forms just {g('one', style, rng)} contiguous piece."])


# ---- registers ------------------------------------------------------------------------------------

CONVENTION = {"LP": ["On axial images in radiological convention the patient's left is shown on the viewer's right.",
                     "Reminder: the image is viewed from the feet, so the patient's right is on screen left."],
              "LI": ["In this coronal view the patient's left appears on the right of the screen.",
                     "Coronal images are displayed as if facing the patient, so left and right are swapped on screen."]}
KB = ["The liver sits under the right hemidiaphragm.", "The aortic arch normally passes to the left of the trachea.",
      "The right ventricle is the most anterior heart chamber.", "An adult trachea is roughly 10 to 12 cm long.",
      "The normal adult heart weighs about 250 to 350 grams.", "The spleen lies in the left upper abdomen.",
      "The right main bronchus is shorter and more vertical than the left."]
TAGS = ["#radiology #anatomy", "#radiology #anatomy #chestCT", "#MedEd #radiology #anatomy", "#anatomy #FOAMrad"]
MYTHS = {"laterality": "Myth: everything in the chest that matters sits on the left.",
         "size": "Myth: you can judge importance from how big something looks on one slice.",
         "count": "Myth: a structure always shows up as one blob on a slice.",
         "position": "Myth: it sits in exactly the same spot in every person.",
         "trap": "Myth: one slice tells you everything about a structure."}
PAST = ["Which side is it?", "Why is that?", "How big is it?", "How many pieces are there?", "Front or back?",
        "Where exactly is it?"]
PAST_KIND = {"Which side is it?": "laterality", "How big is it?": "size", "How many pieces are there?": "count",
             "Front or back?": "position", "Where exactly is it?": "position"}


def facts_lines(p, f, rng, skip=(), wrong=None, style="social"):
    """(kind, sentence) pairs for the mask facts; `wrong` is the one kind to corrupt."""
    out = []
    rels = f["relations"]
    if "laterality" not in skip:
        out.append(("laterality", wrong_side(f["laterality"], style, rng) if wrong == "laterality"
                    else side_text(f["laterality"], style, rng)))
    if "position" not in skip:
        if wrong == "position":
            if f["vertical"] != "central" and (not rels or rng.random() < 0.5):
                out.append(("position", vert_text(OPP[f["vertical"]], style, rng, p["orient"])))
            else:
                r = rng.choice(rels)
                out.append(("position", rel_text({"other": r["other"], "relation": FLIP[r["relation"]]}, style, rng)))
        else:
            out.append(("position", vert_text(f["vertical"], style, rng, p["orient"])))
            if rels:
                out.append(("position", rel_text(rng.choice(rels), style, rng)))
    if "size" not in skip:
        out.append(("size", wrong_size(f, style, rng) if wrong == "size" else size_text(f, style, rng)))
    if "count" not in skip:
        out.append(("count", wrong_count(f["components"], style, rng) if wrong == "count"
                    else count_text(f["components"], style, rng)))
    return out


def traps(p, f, rng, defect=None):
    """True sentences a careless reader misreads; none restates the fact a defect row corrupts."""
    out = [rng.choice(CONVENTION[p["orient"]]), rng.choice(KB)]
    side = f["laterality"]
    if side in ("left", "right") and defect != "laterality":
        out.append(rng.choice([f"It is not on the {OPP[side]}.", f"It does not lie on the patient's {OPP[side]} side."]))
    if f["components"] == 1 and defect != "count":
        out.append("No second focus is seen.")
    out.append(rng.choice(["This is likely a typical appearance.", "Probably within normal variation."]))
    rng.shuffle(out)
    return [("trap", s) for s in out[:rng.randint(1, 3)]]


def question1(p, style, rng, defect):
    d = rng.choice(p["hint"])
    if defect == "names_target":
        d = rng.choice([f"{rng.choice(p['names'])}, i.e. {d}", f"{rng.choice(p['names'])}"])
    frames = {"social": [f"Quick one: where is {d} on this scan?", f"Can you point out {d}? Short answer pls",
                         f"For a post: can you find {d} here?"],
              "gloss": [f"Could you segment {d} in this image and describe where it is?",
                        f"Where is {d} here? Please add Spanish or French terms.",
                        f"Para mis estudiantes: can you show {d} and say where it sits?"],
              "fellow": [f"Fellow, could you mark {d} and give me your structured read?",
                         f"Can you segment {d} on this {p['modality']} and do a quick structured read?"],
              "myth": [f"Show me {d} and bust a few myths about it?",
                       f"Where is {d} here, and what do people often get wrong about it?",
                       f"Can you mark {d} and do a myth-versus-fact breakdown?"]}[style]
    return rng.choice(frames)


def render(style, p, lines, rng, seg):
    """Assistant text in the register from (kind, sentence) lines plus true traps (strings)."""
    sents = [s for _, s in lines]
    if style == "social":
        head = "Here it is 👉 [SEG] " if seg else rng.choice(["Short version: ", "TL;DR: ", ""])
        return head + " ".join(sents) + " " + rng.choice(TAGS)
    if style == "gloss":
        head = rng.choice([f"Segmentation of the {p['short']}: [SEG]. ", "Mask: [SEG]. "]) if seg else ""
        return head + " ".join(sents)
    if style == "fellow" and not seg:
        return f"{p['key']}: " + " ".join(sents)
    if style == "fellow":
        others = ["RV: not part of this mask; normally the most anterior chamber.",
                  "Pericardium: not assessed in this mask.", "Valves: not evaluated on this series.",
                  "Great vessels: outside the segmentation."]
        rng.shuffle(others)
        body = f"{p['key']}: " + ("[SEG] " if seg else "") + " ".join(sents)
        rows = others[:2] + [body] + others[2:3]
        return "Structured read\n" + "\n".join(f"- {r}" for r in rows)
    # myth
    head = "Segmentation: [SEG]\n" if seg else ""
    out = [head.rstrip()] if head else []
    for i, (kind, s) in enumerate(lines):
        if i == 0 or (kind in MYTHS and rng.random() < 0.5):
            out.append(f"{MYTHS.get(kind, MYTHS['trap'])} Fact: {s[0].lower() + s[1:]}")
        else:
            out.append("Fact: " + s)
    return "\n".join(out)


def build(p, facts, style, rng, defect):
    f = facts
    kinds = ["laterality", "position", "size", "count"]
    where = "a1"
    if defect in kinds:
        r = rng.random()
        where = "user" if r < 0.19 else "a2" if r < 0.42 else "a1"
    turns = [{"role": "user", "content": question1(p, style, rng, defect)}]
    skip = (defect,) if where != "a1" and defect in kinds else ()
    lines = facts_lines(p, f, rng, skip=skip, wrong=defect if where == "a1" else None, style=style)
    if defect is None or rng.random() < 0.7:
        t = traps(p, f, rng, defect)
        lines = lines + t if style != "myth" else lines + t[:1]
    if style == "social":  # micro-answer: at most four sentences, always keeping a planted one
        keep = [x for x in lines if x[0] == defect and where == "a1"]
        rest = [x for x in lines if x not in keep]
        lines = keep + rng.sample(rest, min(len(rest), 4 - len(keep)))
        rng.shuffle(lines)
    turns.append({"role": "assistant", "content": render(style, p, lines, rng, True)})
    if where == "user":
        turns.append({"role": "user", "content": user_wrong(p, f, defect, rng)})
        turns.append({"role": "assistant", "content": non_answer(p, style, rng)})
    elif where == "a2":
        q = {"laterality": "Which side is it?", "position": "Where exactly is it?", "size": "How big is it?",
             "count": "How many pieces are there?"}[defect]
        turns.append({"role": "user", "content": rng.choice([q, q.lower().capitalize() + " Keep it short."])})
        ans = facts_lines(p, f, rng, skip=[k for k in kinds if k != defect], wrong=defect, style=style)
        turns.append({"role": "assistant", "content": render(style, p, ans[:1], rng, False)})
    elif rng.random() < 0.55:
        asked = rng.sample([q for q in PAST if PAST_KIND.get(q) != defect], rng.choice([1, 1, 2]))
        for q in asked:
            k = PAST_KIND.get(q)
            if k is None:
                ans = ["Anatomy mostly, or for a finding its cause; the mask simply follows what is visible.",
                       "The mask just follows its outline on this slice. " + rng.choice(KB)]
                ans = [("trap", rng.choice(ans))]
            else:
                ans = facts_lines(p, f, rng, skip=[x for x in kinds if x != k], style=style)[:1]
                if q == "Front or back?" and p["orient"] == "LI":
                    q = "Top or bottom?"
            turns.append({"role": "user", "content": q})
            turns.append({"role": "assistant", "content": render(style, p, ans, rng, False)})
    return turns, ([defect] if defect else [])


def user_wrong(p, f, kind, rng):
    """A follow-up that presupposes one false fact (the reply neither confirms nor corrects it)."""
    if kind == "laterality":
        s = f["laterality"]
        w = OPP[s] if s in ("left", "right") else rng.choice(["left", "right"])
        if s == "bilateral":
            return rng.choice([f"So it is only on the {w} side - why is that?", f"Since it is just on the {w}, what does that mean?"])
        return rng.choice([f"Why is it on the {w} side in this patient?", f"So it sits on the patient's {w} - what does that mean clinically?"])
    if kind == "position":
        v = f["vertical"]
        if v != "central":
            return rng.choice([f"Why does it sit so {OPP[v]}ly here?", f"OK so it's in the {OPP[v]} part - is that normal?"])
        r = rng.choice(f["relations"])
        return f"So it lies {rng.choice(REL_WORDS[FLIP[r['relation']]]).format(o=r['other'])} - is that usual?"
    if kind == "size":
        if f["size_class"] == "large":
            return rng.choice(["Why is it so small, under 1% of the image?", "Given it is tiny here, should I worry?"])
        return rng.choice(["Why is it so large, about a quarter of the image?", "Since it's huge on this slice, is that bad?"])
    n = f["components"]
    if n == 1:
        return rng.choice(["Why is it split into two separate pieces?", "So there are two separate parts - why?"])
    return rng.choice(["So it's just one single connected blob - is that normal?", "Why is it a single piece here?"])


def non_answer(p, style, rng):
    s = rng.choice(["Appearance alone rarely settles that; correlate with the clinical picture and prior imaging.",
                    "Hard to say from one slice; the clinical context and older scans matter most.",
                    "That is best judged with the full series and the history rather than a single image."])
    return render(style, p, [("trap", s)], rng, False)
