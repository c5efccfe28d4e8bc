"""Phrase bank D of the QC corpus: a fourth voice (teaching file, key: value list, patient-friendly
explanation, ultra-terse shorthand), written after banks B and C had been spent on tuning and before
looking at how the rules read it. It is the final held-out split: measured, never tuned on.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def side_phr(s: str, o: str) -> list[str]:
    return [f"Side: patient {s}.", f"You'll find it on your {s} side, if you were the patient.",
            f"It belongs to the {s} half of the body.", f"{s.upper()} side.",
            f"Teaching point: it is a {s}-sided organ and it sits on the {s} here too.",
            f"It's over on the patient's {s}, which the viewer sees on the {o} of the screen."]


def deny(side: str) -> list[str]:
    return [f"Nothing of it is on the {side}.", f"It does not occupy the patient's {side} side.",
            f"No part of it sits on the {side}."]


MIDLINE = ["Side: midline.", "It sits right in the middle of the body.", "Central, on the midline."]
OFF_MIDLINE = ["Side: patient left.", "It is well off to the patient's right.", "It sits on the left, away from the middle."]
BILAT = ["Side: both.", "There is one on each side of the body.", "It is seen on the right as well as the left."]
ONE_SIDED = ["Side: patient right only.", "You'd find it only on the patient's left.", "It is limited to the right side."]
VERT = {"anterior": ["Depth: anterior.", "It sits near the belly wall, toward the front.", "It lies in front, close to the skin of the belly."],
        "posterior": ["Depth: posterior.", "It sits deep, toward the patient's back.", "It lies at the back, close to the spine."]}


def rel_phr(other: str, rel: str) -> list[str]:
    word = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
            "right_of": "to the patient's right of"}[rel]
    short = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "left of",
             "right_of": "right of"}[rel]
    return [f"Relation: {short} the {other}.", f"It sits {word} the {other}.",
            f"Think of the {other}: our structure lies {word} it."]


SIZE = {"small": ["Size: small.", "It's a little structure here.", "It takes up only a tiny bit of the picture."],
        "medium": ["Size: medium.", "It's a medium-sized structure here.", "Its size here is middling."],
        "large": ["Size: large.", "It's a big structure here.", "It fills a big chunk of the picture."]}


def pct_phr(p: float) -> list[str]:
    return [f"Area: {p:.1f}%.", f"About {p:.0f} out of every hundred pixels belong to it." if p >= 1 else
            f"Less than 1 out of every hundred pixels belongs to it.", f"It covers {p:.1f} percent of the picture."]


def count_phr(n: int) -> list[str]:
    if n == 1:
        return ["Parts: 1.", "It is all one piece.", "It forms a single region."]
    return [f"Parts: {n}.", f"It is broken up into {n} pieces.", f"It forms {n} separate regions."]


def count_wrong(n: int) -> list[str]:
    return count_phr(2 if n == 1 else 1)


QUESTIONS = ["Case for the teaching file: which {noun} {fn}? Please segment it.",
             "Explain it simply: which {noun} {fn}, and can you mark it?",
             "Q: which {noun} {fn}? A: please segment it.",
             "Which {noun} {fn}? Outline."]
WRONG_SIDE_Q = ["Which {noun} on the {o} {fn}? Outline it.", "Case: the {o}-sided {noun} that {fn}. Please segment it."]
GIVEAWAY = {"liver": ["a fatty liver", "hepatitis"], "spleen": ["a splenic cyst", "an enlarged spleen"],
            "left kidney": ["kidney stones", "renal cell carcinoma"], "right kidney": ["kidney stones", "a renal abscess"],
            "aorta": ["an aortic dissection", "aortic calcification"], "pancreas": ["pancreatic cancer", "pancreatitis"],
            "gallbladder": ["a gallbladder polyp", "cholecystitis"], "stomach": ["a stomach ulcer", "gastritis"],
            "inferior vena cava": ["an IVC thrombus", "a caval web"], "liver lesion": ["a liver lesion", "hepatic masses"],
            "kidney": ["kidney failure", "renal atrophy"], "kidney cyst": ["a kidney cyst", "renal cysts"]}
TRAPS = ["A big meal makes the stomach expand.", "Kidney stones usually cause pain that moves toward the groin.",
         "The left side of the heart pumps blood to the body.", "Many people have small cysts that never matter.",
         "Older patients often have a slightly larger aorta."]
LEADS = {"teaching": "Teaching file answer: {name} {seg}.", "keyvalue": "Structure: {name} {seg}",
         "friendly": "Good question! This is your {name} {seg}.", "shorthand": "{name} {seg}."}


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, rel = rng.choice(p["rels"])
    side = rng.choice(side_phr(s, OPP[s]) if s in OPP else (MIDLINE if s == "midline" else BILAT))
    parts = {"side": side, "vertical": rng.choice(VERT[p["vert"]]), "relation": rng.choice(rel_phr(other, rel)),
             "size": rng.choice(SIZE[p["size"]] + pct_phr(facts["area_fraction"] * 100)),
             "count": rng.choice(count_phr(p["comps"]))}
    extras = list(p["other_kb"]) + TRAPS + (deny(OPP[s]) if s in OPP else [])
    q = rng.choice(QUESTIONS).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"Someone has {rng.choice(GIVEAWAY[p['target']])}. Which structure is it? Please segment it."
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_SIDE_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        elif s in OPP:
            parts["side"] = rng.choice(side_phr(OPP[s], s) + deny(s))
        else:
            parts["side"] = rng.choice(OFF_MIDLINE if s == "midline" else ONE_SIDED)
    elif defect == "position":
        if rng.random() < 0.5:
            parts["relation"] = rng.choice(rel_phr(other, FLIP[rel]))
        else:
            parts["vertical"] = rng.choice(VERT["anterior" if p["vert"] == "posterior" else "posterior"])
    elif defect == "size":
        wrong = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[p["size"]]
        wrong_pct = {"small": 30.0, "large": 0.3, "medium": 0.2 if wrong == "small" else 40.0}[p["size"]]
        parts["size"] = rng.choice(SIZE[wrong] + pct_phr(wrong_pct))
    elif defect == "count":
        parts["count"] = rng.choice(count_wrong(p["comps"]))
    order = list(parts)
    rng.shuffle(order)
    lead = LEADS[style].format(name=p["target"], seg="[SEG]")
    sep = "\n" if style == "keyvalue" else " "
    body = lead + sep + sep.join(parts[k] for k in order)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": "Anything else I should know?"},
             {"role": "assistant", "content": " ".join(rng.sample(extras, k=2))}]
    return turns, expected
