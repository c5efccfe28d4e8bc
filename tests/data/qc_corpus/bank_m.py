"""Phrase bank M of the QC corpus: a thirteenth voice, written blind by helper `qc2` after the last rule
change of its round, measured once with the final rules and never read (the round's honest figure).

Four registers (an LLM that restates the question then answers in long sentences, a structured
"Findings / Impression" report, a conversational teacher using analogies, a terse bullet list with
arrows), and clean traps not used by banks A-L: analogies ("like a boomerang on the left of a clock
face"), arrows ("→"), ranges ("between 1 and 3 cm"), ordinal words ("the first of three slices"),
other patients ("in another patient it could sit lower"), and both sides of paired organs named with
their states. Each defective conversation carries exactly one false, plainly asserted claim about the
target. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
REL = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "on the patient's left of",
       "right_of": "on the patient's right of"}


def side_text(s: str, style: str) -> str:
    v = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
         "bilateral": "on both the left and the right"}[s]
    return {"restate": f"You asked where it is: it is located {v}.", "report": f"FINDINGS: the structure is {v}.",
            "teacher": f"Picture it this way: it is {v}.", "arrows": f"• side → {v}"}[style]


def wrong_side(s: str, style: str) -> str:
    if s in OPP:
        return side_text(OPP[s], style)
    v = "on the patient's right" if s == "midline" else "on the patient's left only"
    return {"restate": f"You asked where it is: it is located {v}.", "report": f"FINDINGS: the structure is {v}.",
            "teacher": f"Picture it this way: it is {v}.", "arrows": f"• side → {v}"}[style]


def vert_text(v: str, style: str) -> str:
    w = "towards the front" if v == "anterior" else "towards the back"
    return {"restate": f"As for depth, it lies {w} of the abdomen.", "report": f"FINDINGS: {v} location.",
            "teacher": f"Think of it as sitting {w} of the body.", "arrows": f"• depth → {v}"}[style]


def rel_text(other: str, r: str, style: str) -> str:
    w = REL[r]
    return {"restate": f"Relative position: it lies {w} the {other}.", "report": f"FINDINGS: it is {w} the {other}.",
            "teacher": f"Notice that it lies {w} the {other}.", "arrows": f"• lies {w} the {other}"}[style]


def size_text(sz: str, frac: float, style: str, rng: random.Random, wrong: bool = False) -> str:
    p = frac * 100
    if wrong:
        sz = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sz]
        p = {"small": 0.1, "large": 40.0}[sz]
    w = {"small": "small", "medium": "medium-sized", "large": "large"}[sz]
    if rng.random() < 0.5:
        return {"restate": f"On size: it is {w} on this slice.", "report": f"FINDINGS: {w}.",
                "teacher": f"Size-wise it is {w} here.", "arrows": f"• size → {w}"}[style]
    return {"restate": f"On size: it covers about {p:.1f}% of the image.",
            "report": f"FINDINGS: area about {p:.1f}% of the image.",
            "teacher": f"Size-wise it takes up about {p:.1f}% of the image.", "arrows": f"• area → {p:.1f}% of the image"}[style]


def count_text(n: int, style: str) -> str:
    if n == 1:
        return {"restate": "On pieces: it is a single connected region.", "report": "FINDINGS: one region.",
                "teacher": "It is all one connected region.", "arrows": "• regions → 1"}[style]
    return {"restate": f"On pieces: it consists of {NUMW[n]} separate regions.",
            "report": f"FINDINGS: {NUMW[n]} separate regions.", "teacher": f"It comes in {NUMW[n]} separate regions.",
            "arrows": f"• regions → {n}"}[style]


def traps(p: dict) -> list[str]:
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    out += ["This is the first of three slices I reviewed.", "Lesions here usually measure between 1 and 3 cm.",
            "In another patient it could sit lower."]
    if s in OPP:
        o = OPP[s]
        out += [f"Picture a clock face: it sits where the {'three' if s == 'left' else 'nine'} would be on the screen.",
                f"IMPRESSION: normal appearance; the {o} side is unremarkable.",
                f"• {o} side → nothing to report"]
    else:
        out += ["IMPRESSION: normal appearance on both sides.", "• left and right sides → symmetrical"]
    if p["size"] == "large":
        out += ["It is like a big wedge filling the upper abdomen."]
    else:
        out += ["Think of it as a small actor on a large stage.", "The big organ next to it is the liver."
                if "liver" not in tgt else "The big organ around it is the liver."]
    if p["comps"] == 1:
        out += ["Two radiologists agreed on this reading."]
    else:
        out += [f"IMPRESSION: {NUMW[p['comps']]} foci, as described above."]
    return out


Q = {"restate": ["Which {noun} {fn}? Please segment it and explain.", "Can you identify the {noun} that {fn} and segment it?"],
     "report": ["Report and segment: which {noun} {fn}?", "Please segment the {noun} that {fn} and write a short report."],
     "teacher": ["Teach me: which {noun} {fn}? Segment it.", "Help me learn: which {noun} {fn}? Please segment it."],
     "arrows": ["Bullet answer please: which {noun} {fn}? Segment it.", "Which {noun} {fn}? Segment and list the features."]}
WRONG_Q = ["Which {noun} on the patient's {o} {fn}? Please segment it and explain.",
           "Report and segment: which {noun} on the patient's {o} side {fn}?"]
GIVE = {"liver": ["liver fibrosis", "a hepatic tumour"], "spleen": ["a splenic laceration", "splenomegaly"],
        "left kidney": ["a renal abscess", "kidney injury"], "right kidney": ["a renal abscess", "kidney injury"],
        "aorta": ["aortic dilatation", "an aortic ulcer"], "pancreas": ["a pancreatic pseudocyst", "pancreatitis"],
        "gallbladder": ["a gallbladder mass", "cholecystitis"], "stomach": ["a gastric tumour", "a stomach ulcer"],
        "inferior vena cava": ["an IVC thrombosis", "caval compression"],
        "liver lesion": ["liver metastases", "a liver lesion"], "kidney": ["kidney cysts", "renal disease"],
        "kidney cyst": ["a renal cyst", "a kidney cyst"]}
LEAD = {"restate": "You asked which structure this is: it is the {name} {seg}.", "report": "FINDINGS: the {name} {seg}.",
        "teacher": "Great question! Here is the {name} {seg}.", "arrows": "• answer → the {name} {seg}"}
FOLLOW = ["Anything else on this image?", "What else should I keep in mind?", "Any other observations?",
          "Is there anything more to say?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style), "vertical": vert_text(p["vert"], style), "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, rng), "count": count_text(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"Suspected {rng.choice(GIVE[p['target']])}. Which {p['noun']} should I look at? Please segment it."
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        else:
            parts["side"] = wrong_side(s, style)
    elif defect == "position":
        if rng.random() < 0.5:
            parts["relation"] = rel_text(other, FLIP[r], style)
        else:
            parts["vertical"] = vert_text("posterior" if p["vert"] == "anterior" else "anterior", style)
    elif defect == "size":
        parts["size"] = size_text(p["size"], facts["area_fraction"], style, rng, wrong=True)
    elif defect == "count":
        parts["count"] = count_text(2 if p["comps"] == 1 else 1, style)
    t = traps(p)
    items = [parts[k] for k in parts] + rng.sample(t, k=2)
    rng.shuffle(items)
    lead = LEAD[style].format(name=p["target"], seg="[SEG]")
    sep = "\n" if style in ("arrows", "report") else " "
    body = lead + sep + sep.join(items)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": " ".join(rng.sample(t, k=3))}]
    return turns, expected
