"""Bank BV: abdomen and thorax CT (axial "LP", some coronal "LI"), written blind (helper qcbv).

Registers: a "cited" assistant (inline numbered citations, footnotes about OTHER structures), a
"caveat"-first assistant (disclaimer, "With that said, ...", a closing "Limitations:" line) and a
markdown "table" of findings followed by one or two sentences. Facts are the product's own measurement
(`compute_facts` on synthetic ellipse masks, no body outline); the prose is written from those facts.
Traps in clean rows (all true): negations, the display convention, footnotes and knowledge about other
structures with their own sides and sizes, hedges, textbook population numbers, short follow-ups.
A defective row holds exactly one false claim; about a fifth of side/position/size/count defects sit
in a user follow-up question, some only in a follow-up answer.

first measure: not taken by the writer (the lead measures after merging).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
STYLES = ["cited", "caveat", "table"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

ABD = {"vertebral body": (0.5, 0.8), "liver": (0.3, 0.45), "spleen": (0.74, 0.62), "aorta": (0.52, 0.64),
       "stomach": (0.68, 0.33)}
THX = {"vertebral body": (0.5, 0.82), "heart": (0.58, 0.4), "sternum": (0.5, 0.1)}
COR = {"liver": (0.32, 0.4), "spleen": (0.74, 0.42), "urinary bladder": (0.5, 0.92)}
CORT = {"heart": (0.56, 0.5), "liver": (0.32, 0.8), "stomach": (0.68, 0.78)}

# blobs: (cx, cy, rx, ry) in image units; "LP": columns -> patient left, rows -> posterior
PROFILES = [
    dict(target="liver", orient="LP", blobs=[(0.30, 0.45, 0.17, 0.2)], others=ABD, word="organ",
         q="Which structure in this abdominal slice makes bile and stores glycogen?",
         names=["Where is the liver in this slice?", "Can you segment the hepatic parenchyma here?"]),
    dict(target="liver", orient="LI", blobs=[(0.32, 0.4, 0.17, 0.14)], others=COR, word="organ",
         q="In this coronal image, what is the big organ that clears drugs and makes clotting proteins?",
         names=["Outline the liver on this coronal image, please.", "Is the hepatic outline normal here?"]),
    dict(target="spleen", orient="LP", blobs=[(0.74, 0.62, 0.075, 0.09)], others=ABD, word="organ",
         q="Which organ here removes worn-out red blood cells and can tear after a rib injury?",
         names=["Show me the spleen in this scan.", "Is there splenic enlargement on this slice?"]),
    dict(target="spleen", orient="LI", blobs=[(0.74, 0.42, 0.06, 0.09)], others=COR, word="organ",
         q="On this coronal cut, which organ filters old red cells and enlarges in mononucleosis?",
         names=["Find the spleen on this coronal image.", "Can you mark the splenic tissue?"]),
    dict(target="kidney", orient="LP", blobs=[(0.33, 0.68, 0.055, 0.075), (0.67, 0.68, 0.055, 0.075)],
         others=ABD, word="organs",
         q="Which paired organs in this slice filter the blood and make urine?",
         names=["Segment both kidneys, please.", "Where are the renal outlines in this slice?"]),
    dict(target="kidney", orient="LI", blobs=[(0.35, 0.62, 0.05, 0.09), (0.65, 0.6, 0.05, 0.09)],
         others=COR, word="organs",
         q="In this coronal view, which paired organs make urine and help control blood pressure?",
         names=["Show the kidneys on this coronal image.", "Mark the renal parenchyma on both sides."]),
    dict(target="left kidney", orient="LP", blobs=[(0.68, 0.68, 0.055, 0.075)], others=ABD, word="organ",
         q="Which single organ on one side of this slice filters blood into urine?",
         names=["Where is the left kidney here?", "Outline the left renal parenchyma for me."]),
    dict(target="right kidney", orient="LP", blobs=[(0.32, 0.69, 0.055, 0.075)], others=ABD, word="organ",
         q="One of the urine-making organs is shown on its own here. Can you find it?",
         names=["Segment the right kidney, please.", "Is the right renal outline visible?"]),
    dict(target="pancreas", orient="LP", blobs=[(0.53, 0.5, 0.13, 0.035)], others=ABD, word="gland",
         q="Which gland in this slice makes insulin as well as digestive enzymes?",
         names=["Can you find the pancreas?", "Is the pancreatic parenchyma visible here?"]),
    dict(target="aorta", orient="LP", blobs=[(0.52, 0.64, 0.035, 0.035)], others={k: v for k, v in ABD.items() if k != "aorta"},
         word="vessel", q="Which large vessel here carries oxygenated blood down to the legs and the gut?",
         names=["Mark the aorta on this slice.", "Is there an aortic aneurysm here?",
                "Any sign of a AAA on this slice?"]),
    dict(target="stomach", orient="LP", blobs=[(0.68, 0.34, 0.11, 0.09)], others={k: v for k, v in ABD.items() if k != "stomach"},
         word="organ", q="Which hollow organ in this slice churns food and secretes acid?",
         names=["Where is the stomach?", "Please outline the gastric lumen."]),
    dict(target="liver lesion", orient="LP", blobs="lesion", others={k: v for k, v in ABD.items() if k != "liver"},
         word="finding",
         q="The oncologist worries about spread from a bowel cancer. Can you mark the spots she means?",
         names=["Segment the liver lesions, please.", "Where are the hepatic metastases?"]),
    dict(target="lung", orient="LP", blobs=[(0.28, 0.58, 0.15, 0.25), (0.72, 0.58, 0.14, 0.24)], others=THX,
         word="organs", q="Which paired air-filled organs in this chest slice exchange oxygen?",
         names=["Segment both lungs.", "Where is the pulmonary parenchyma on this slice?",
                "Can you mark the lung fields on this slice?"]),
    dict(target="lung", orient="LI", blobs=[(0.3, 0.3, 0.13, 0.2), (0.7, 0.3, 0.12, 0.2)], others=CORT,
         word="organs", q="On this coronal image, which paired organs do we breathe with?",
         names=["Show the lungs on this coronal cut.", "Outline the pulmonary fields, please."]),
    dict(target="left lung", orient="LP", blobs=[(0.72, 0.58, 0.14, 0.24)], others=THX, word="organ",
         q="Only one of the two breathing organs is marked in this slice. Which one?",
         names=["Where is the left lung?", "Segment the left pulmonary parenchyma."]),
    dict(target="right lung", orient="LP", blobs=[(0.28, 0.58, 0.15, 0.25)], others=THX, word="organ",
         q="Can you find the air-filled organ with three lobes in this slice?",
         names=["Where is the right lung here?", "Segment the right pulmonary field."]),
    dict(target="heart", orient="LP", blobs=[(0.58, 0.4, 0.15, 0.13)], others={k: v for k, v in THX.items() if k != "heart"},
         word="organ", q="Which muscular pump in this chest slice pushes blood around the body?",
         names=["Segment the heart, please.", "Is there cardiomegaly on this slice?"]),
    dict(target="lung nodule", orient="LP", blobs="nodule", others=THX, word="finding",
         q="A screening scan of a long-time smoker flagged something small. Can you mark it?",
         names=["Segment the lung nodule.", "Where are the pulmonary nodules?"]),
]
# stems that name each target in any form; a clean first question may contain none of them (of any target)
STEMS = ["liver", "hepat", "hepar", "spleen", "splen", "kidney", "renal", "nephr", "adrenal", "pancrea",
         "aort", "aaa", "stomach", "gastr", "lung", "pulmon", "pneum", "heart", "cardi", "lesion", "nodul", "metast",
         "tumour", "tumor", "mass"]


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    """Count defects lean toward multi-region targets; laterality ones toward one-sided and paired ones."""
    if defect == "count" and rng.random() < 0.6:
        return rng.choice([p for p in profiles if isinstance(p["blobs"], str) or len(p["blobs"]) > 1])
    return rng.choice(profiles)


def record_for(p: dict) -> dict:
    region = "thorax" if p["others"] in (THX, CORT) or p["target"] in ("heart", "lung nodule") else "abdomen"
    return {"modality": "CT", "body_region": region, "orientation": p["orient"]}


def _blobs(p: dict, rng: random.Random) -> list[tuple]:
    if p["blobs"] == "lesion":
        return [(rng.uniform(0.22, 0.38), rng.uniform(0.35, 0.55), 0.025, 0.025) for _ in range(rng.choice([1, 2, 3]))]
    if p["blobs"] == "nodule":
        xs = rng.choice([(0.2, 0.35), (0.65, 0.8)])
        return [(rng.uniform(*xs), rng.uniform(0.45, 0.7), 0.02, 0.02) for _ in range(rng.choice([1, 2, 3]))]
    return [(cx + rng.uniform(-0.015, 0.015), cy + rng.uniform(-0.015, 0.015), rx * rng.uniform(0.95, 1.05),
             ry * rng.uniform(0.95, 1.05)) for cx, cy, rx, ry in p["blobs"]]


def facts_for(p: dict, rng: random.Random) -> dict:
    """Facts measured by the product on a synthetic mask (no body outline: image centre, image area)."""
    from medseg_qa.facts import compute_facts

    for _ in range(20):
        blobs = _blobs(p, rng)
        yy, xx = np.mgrid[0:H, 0:W] / np.array([H - 1.0, W - 1.0])[:, None, None]
        m = np.zeros((H, W), bool)
        for cx, cy, rx, ry in blobs:
            m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1
        f = compute_facts(m, p["orient"], others=dict(p["others"]))
        if f.components == len(blobs):  # overlapping random foci would merge: draw again
            return f.model_dump(mode="json")
    return f.model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}
SIDE = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
        "bilateral": "on both sides of the body"}
VERT = {"anterior": "toward the front (anterior)", "posterior": "toward the back (posterior)",
        "superior": "in the upper (superior) part of the image", "inferior": "in the lower (inferior) part of the image"}
OPPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
       "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
FLIPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
CONV = {"LP": "By radiological convention the patient's left is displayed on the viewer's right, as if looking up from the feet.",
        "LI": "In this coronal display the head is at the top and the patient's left is on the viewer's right."}
KNOW = ["The inferior vena cava runs to the right of the aorta in most people.",
        "An adult spleen is usually under about 12 cm long.",
        "The right kidney typically sits a little lower than the left because the liver lies above it.",
        "The heart's apex normally points toward the left.",
        "The right lung has three lobes, while the left has two.",
        "In adults the abdominal aorta is normally under 3 cm across.",
        "The stomach lies mostly in the left upper quadrant.",
        "The gallbladder hangs beneath the liver on the right."]
REFS = ["Gray's Anatomy, 42nd ed.", "Netter, Atlas of Human Anatomy, 8th ed.", "Webb, Fundamentals of Body CT, 5th ed.",
        "Radiopaedia.org, reviewed article"]
HEDGE = ["", "most likely ", "probably ", "apparently "]


def _pct(a: float) -> str:
    p = a * 100
    return f"{p:.1f}%" if p >= 1 else f"{p:.2f}%"


def _fake_size(size: str, rng: random.Random) -> tuple[str, str]:
    """A plainly wrong size class and area share."""
    if size == "small":
        return "large", f"{rng.choice([12, 18, 25])}%"
    if size == "large":
        return "small", rng.choice(["0.3%", "0.5%"])
    return rng.choice([("large", "20%"), ("tiny", "0.2%")])


def _claims(f: dict, rng: random.Random) -> dict:
    rels = f["relations"]
    return dict(side=f["laterality"], vert=f["vertical"] if f["vertical"] != "central" else None,
                rel=rng.choice(rels) if rels else None, size=f["size_class"], pct=_pct(f["area_fraction"]),
                count=f["components"])


def _corrupt(c: dict, kind: str, rng: random.Random) -> dict:
    c = dict(c)
    if kind == "laterality":
        c["side"] = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
                     "bilateral": rng.choice(["left", "right"])}[c["side"]]
        c["side_only"] = c["side"] if c["side"] in ("left", "right") else None
    elif kind == "position":
        if c["vert"] and (rng.random() < 0.6 or not c["rel"]):
            c["vert"] = OPPV[c["vert"]]
        else:
            c["rel"] = {"other": c["rel"]["other"], "relation": FLIPR[c["rel"]["relation"]]}
    elif kind == "size":
        c["size"], c["pct"] = _fake_size(c["size"], rng)
    elif kind == "count":
        c["count"] = 2 if c["count"] == 1 else rng.choice([1, c["count"] + 1])
    return c


def _side_s(c: dict, noun: str, rng: random.Random, true_side: str) -> str:
    s = c["side"]
    if s == "bilateral":
        return rng.choice([f"The {noun} are seen on both sides, one on the patient's right and one on the left.",
                           f"There is one on each side of the patient: this is a bilateral finding."])
    if true_side == "bilateral":  # the corrupted claim for a bilateral mask: one-sided
        return f"Only the {noun.rstrip('s')} on the patient's {s} is marked; the other side is empty."
    if s == "midline":
        return rng.choice([f"It sits {HEDGE[rng.randrange(4)]}in the midline, not off to either side.",
                           "Laterality: midline, straddling the centre of the body."])
    neg = "right" if s == "left" else "left"
    return rng.choice([f"The {noun} lies {HEDGE[rng.randrange(4)]}on the patient's {s} side.",
                       f"It is on the patient's {s}, not on the {neg}.",
                       f"Side: patient's {s}.", f"It is found on the {s} side of the patient's body."])


def _pos_s(c: dict, noun: str, rng: random.Random) -> str:
    out = []
    if c["vert"]:
        out.append(rng.choice([f"Within the slice it is {VERT[c['vert']]}.", f"Its position is {c['vert']}.",
                               f"Position: {c['vert']}, not {OPPV[c['vert']]}."]))
    if c["rel"]:
        out.append(f"It lies {REL[c['rel']['relation']]} the {c['rel']['other']}.")
    return " ".join(out) or "It lies close to the centre of the slice front to back."


def _size_s(c: dict, rng: random.Random) -> str:
    return rng.choice([f"It is {c['size']} in size, covering about {c['pct']} of the image.",
                       f"Size: {c['size']}, roughly {c['pct']} of the image area.",
                       f"The marked area is {c['size']} (about {c['pct']} of the image).",
                       f"About {c['pct']} of the image is covered, which makes it {c['size']}."])


def _count_s(c: dict, rng: random.Random) -> str:
    n = c["count"]
    if n == 1:
        return rng.choice(["It forms a single connected region.", "There is one region only, with no second focus.",
                           "Number of regions: one."])
    return rng.choice([f"There are {NUMW[n]} separate regions.", f"The mask has {NUMW[n]} distinct parts, not one.",
                       f"Number of regions: {NUMW[n]}."])


def _sentences(c: dict, f: dict, p: dict, rng: random.Random, skip: str | None,
               only: str | None = None) -> list[tuple[str, str]]:
    """(kind, sentence) for each fact an answer states (`only` one of them); `skip` is left for a follow-up."""
    fn = {"laterality": lambda: _side_s(c, p["word"], rng, f["laterality"]), "position": lambda: _pos_s(c, p["word"], rng),
          "size": lambda: _size_s(c, rng), "count": lambda: _count_s(c, rng)}
    return [(k, fn[k]()) for k in ("laterality", "position", "size", "count")
            if k != skip and only in (None, k)]


def _cell(kind: str, c: dict, true_side: str) -> tuple[str, str]:
    """A | Property | Value | row in short form."""
    if kind == "laterality":
        s = c["side"]
        v = ("bilateral (right and left)" if s == "bilateral" else f"{s} only" if true_side == "bilateral"
             else "midline" if s == "midline" else f"patient's {s}")
        return "Side", v
    if kind == "position":
        parts = [c["vert"]] if c["vert"] else []
        parts += [f"{REL[c['rel']['relation']]} the {c['rel']['other']}"] if c["rel"] else []
        return "Position", "; ".join(parts) or "central"
    if kind == "size":
        return "Size", f"{c['size']} (~{c['pct']} of the image)"
    return "Regions", NUMW[c["count"]] + (" (connected)" if c["count"] == 1 else " separate")


def _answer(style: str, body: list[tuple[str, str]], c: dict, p: dict, rng: random.Random, seg: bool,
            true_side: str, true_size: str) -> str:
    lead = ("Here is the segmentation " + "[SEG]" + ". ") if seg else ""
    know = rng.sample(KNOW, 2)
    sents = [x for _, x in body]
    if any(k == "size" for k, _ in body) and c["size"] == "small" == true_size and rng.random() < 0.5:
        sents.append(rng.choice(["It is not large.", "It is far smaller than the liver would be on an abdominal slice."]))
    if style == "cited":
        text = lead + " ".join(f"{x[:-1]} [{i + 1}]." if i < 2 else x for i, x in enumerate(sents))
        text += " " + CONV[p["orient"]] if rng.random() < 0.5 else ""
        notes = "\n".join(f"[{i + 1}] {REFS[(i + len(sents)) % len(REFS)]}: {know[i]}" for i in range(min(2, len(sents))))
        return text + "\n\n" + notes
    if style == "caveat":
        disc = rng.choice(["I can't examine you, and image findings need a clinician's interpretation in context.",
                           "Please note that I am an AI system and this is not a medical diagnosis; a radiologist should confirm it.",
                           "A quick disclaimer first: this reading is for education only and cannot replace a qualified doctor's review."])
        lim = rng.choice(["Limitations: a single slice, no prior studies, no clinical history.",
                          "Limitations: one image only, and no contrast phase information."])
        return f"{disc}\n\nWith that said, {lead[0].lower() + lead[1:] if lead else ''}{' '.join(sents)} {know[0]}\n\n{lim}"
    rows = "\n".join("| %s | %s |" % _cell(k, c, true_side) for k, _ in body)
    tail = rng.choice([know[0], CONV[p["orient"]], "Nothing else is marked on this slice."])
    return f"{lead}\n\n| Property | Value |\n|---|---|\n{rows}\n\n{sents[0]} {tail}".strip()


WHY = ["Why is that?", "And why would that be?", "Is that something to worry about?"]
WHY_A = ["Anatomy varies between people, so a radiologist reads it with the rest of the study and the history.",
         "On its own this is simply a description of where the mask lies; meaning comes from the clinical context."]
FOLLOW = {"laterality": ["Which side is it on?", "And the side, please?"],
          "position": ["Where exactly does it sit?", "Front or back, which is it?"],
          "size": ["How big is it then?", "Is it large or small?"],
          "count": ["How many regions are there?", "Is it just one piece?"]}


def _user_wrong(kind: str, c: dict, true: dict) -> str:
    if kind == "laterality":
        return f"Why is it on the patient's {c['side']} side, though?"
    if kind == "position":
        if c["vert"] != true["vert"]:
            return f"Why would it sit so far {c['vert']} in this slice?"
        return f"Why does it lie {REL[c['rel']['relation']]} the {c['rel']['other']} here?"
    if kind == "size":
        return f"Why is it so {c['size']}, about {c['pct']} of the image?"
    return f"Why does it have {NUMW[c['count']]} separate parts?" if c["count"] > 1 else "Why is it a single connected region?"


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    true = _claims(facts, rng)
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["first", "followup", "user"], [0.55, 0.25, 0.2])[0]
    q = rng.choice(p["names"]) if defect == "names_target" else p["q"]
    bad = _corrupt(true, defect, rng) if where else None
    said = bad if where == "first" else true
    body = _sentences(said, facts, p, rng, defect if where == "followup" else None)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": _answer(style, body, said, p, rng, True, facts["laterality"], facts["size_class"])}]
    kinds = ["laterality", "position", "size", "count"]
    rounds = rng.choice([0, 1, 2]) if not where else 1 + (rng.random() < 0.3)
    fu_kinds = rng.sample([k for k in kinds if where != "first" or k != defect], rounds)
    if where in ("followup", "user") and defect not in fu_kinds:
        fu_kinds[0] = defect
    if not where and len(fu_kinds) < 2 and rng.random() < 0.35:
        fu_kinds.insert(rng.randrange(len(fu_kinds) + 1), "why")
    for k in fu_kinds:
        if k == "why":
            turns.append({"role": "user", "content": rng.choice(WHY)})
            turns.append({"role": "assistant", "content": rng.choice(WHY_A)})
            continue
        if where == "user" and k == defect:
            turns.append({"role": "user", "content": _user_wrong(k, bad, true)})
            turns.append({"role": "assistant", "content": rng.choice([
                "That is a fair question; the appearance here is within what is commonly seen, and nothing else looks unusual on this slice.",
                "Good question. Variation between people is common, so a radiologist would weigh it with the rest of the study."])})
            continue
        c = bad if (where == "followup" and k == defect) else true
        ans = dict(_sentences(c, facts, p, rng, None, only=k))[k]
        extra = {"laterality": CONV[p["orient"]], "position": "That is measured from the centre of the body in this slice.",
                 "size": "For comparison: " + rng.choice(KNOW), "count": "I counted connected areas only."}[k]
        if style == "caveat":
            pre = rng.choice(["Again, not a diagnosis.", "Same caveat as before: please confirm with your doctor.",
                              "As noted, this cannot replace a radiologist's reading."])
            lim = rng.choice(["Limitations: single image.", "Limitations: no comparison study available."])
            ans = f"{pre} With that said, {ans[0].lower() + ans[1:]} {extra}\n{lim}"
        elif style == "table":
            ans = "| Property | Value |\n|---|---|\n| %s | %s |\n\n%s %s" % (*_cell(k, c, facts["laterality"]), ans, extra)
        else:
            ans = f"{ans[:-1]} [1]. {extra}\n\n[1] {rng.choice(REFS)}: {rng.choice(KNOW)}"
        turns.append({"role": "user", "content": rng.choice(FOLLOW[k])})
        turns.append({"role": "assistant", "content": ans})
    return turns, [defect] if defect else []
