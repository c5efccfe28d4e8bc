"""Phrase bank E of the QC corpus: a fifth voice (hedging LLM, radiology resident, emoji bullets,
compact Q&A), written blind after bank D's first measurement and before bank D was spent on tuning.
It is the final held-out split: measured, never tuned on.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def side(s: str, o: str) -> list[str]:
    return [f"From what I can see, it sits mostly on the patient's {s}.",
            f"Location-wise, this is {s} of the spine.",
            f"📍 Patient's {s} side.",
            f"It occupies the {s} portion of the abdomen.",
            f"Keep in mind the orientation: this is the patient's {s}, shown on the {o} of the display.",
            f"I would place it in the {s} upper abdomen."]


def deny(x: str) -> list[str]:
    return [f"I don't see any of it on the {x}.", f"It is not found on the patient's {x}.",
            f"There is no {x}-sided part to it."]


MID = ["It lies along the midline.", "📍 Midline.", "Location-wise, it is centred on the midline."]
OFF_MID = ["It lies well to the patient's left of the midline.", "📍 Patient's right side.",
           "Location-wise, it is off to the right."]
BIL = ["It shows up on both the left and the right.", "📍 Both sides.", "There is one part on each side."]
UNI = ["📍 Patient's left side only.", "It shows up only on the right.", "I only see it on the patient's left."]
VERT = {"anterior": ["It is towards the anterior side of the body.", "📐 Anterior.", "It lies up front, near the abdominal wall."],
        "posterior": ["It is towards the posterior side of the body.", "📐 Posterior.", "It lies at the back, near the spine."]}


def rel(other: str, r: str) -> list[str]:
    w = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "to the patient's left of",
         "right_of": "to the patient's right of"}[r]
    inv = {"anterior_to": "behind it", "posterior_to": "in front of it", "left_of": "on its right",
           "right_of": "on its left"}[r]
    return [f"It is located {w} the {other}.", f"🔗 {w[0].upper() + w[1:]} the {other}.",
            f"The {other} sits {inv}."]


SIZE = {"small": ["It is fairly small.", "📏 Small.", "It only covers a small area of the image."],
        "medium": ["It is moderately sized.", "📏 Medium.", "It is medium in size on this image."],
        "large": ["It is fairly large.", "📏 Large.", "It covers a large area of the image."]}


def pct(p: float) -> list[str]:
    return [f"It covers roughly {p:.1f} % of the image.", f"📏 {p:.1f}% of the image.",
            f"That is about {p:.2f} percent of the image area."]


def cnt(n: int) -> list[str]:
    if n == 1:
        return ["It is a single connected region.", "🧩 1 region.", "It is one continuous region."]
    return [f"It consists of {n} separate regions.", f"🧩 {n} regions.", f"It is split into {n} separate regions."]


Q = ["I'm a med student - which {noun} {fn}? Could you segment it?",
     "Which {noun} {fn}? Segment please 🙏",
     "Resident question: which {noun} in this image {fn}? Outline it.",
     "Q: which {noun} {fn}? Please mark it."]
WRONG_Q = ["Which {noun} on the patient's {o} {fn}? Segment please.", "Which {o}-sided {noun} {fn}? Outline it."]
GIVE = {"liver": ["liver cirrhosis", "a hepatic cyst"], "spleen": ["splenic rupture", "a splenic artery aneurysm"],
        "left kidney": ["a kidney infection", "renal colic"], "right kidney": ["a kidney infection", "renal colic"],
        "aorta": ["an abdominal aortic aneurysm", "aortitis"], "pancreas": ["a pancreatic mass", "pancreatitis"],
        "gallbladder": ["gallbladder stones", "acute cholecystitis"], "stomach": ["stomach cancer", "gastric bleeding"],
        "inferior vena cava": ["an IVC filter", "vena cava compression"], "liver lesion": ["a liver lesion", "hepatic mets"],
        "kidney": ["chronic kidney disease", "renal cysts"], "kidney cyst": ["a renal cyst", "cystic kidney disease"]}
TRAPS = ["The liver is the largest solid organ in the body.", "About 30% of people have some variant anatomy here.",
         "It is not a paired structure in the usual sense.", "The left renal vein is longer than the right one.",
         "A large hematoma can displace nearby organs."]
LEADS = {"hedge": "I believe this is the {name} {seg}.", "resident": "This is the {name} {seg}.",
         "emoji": "✅ {name} {seg}", "qa": "A: the {name} {seg}."}


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": rng.choice(side(s, OPP[s]) if s in OPP else (MID if s == "midline" else BIL)),
             "vertical": rng.choice(VERT[p["vert"]]), "relation": rng.choice(rel(other, r)),
             "size": rng.choice(SIZE[p["size"]] + pct(facts["area_fraction"] * 100)),
             "count": rng.choice(cnt(p["comps"]))}
    extras = list(p["other_kb"]) + TRAPS + (deny(OPP[s]) if s in OPP else [])
    q = rng.choice(Q).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"Patient with {rng.choice(GIVE[p['target']])}. Which structure should I look at? Segment it."
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        elif s in OPP:
            parts["side"] = rng.choice(side(OPP[s], s) + deny(s))
        else:
            parts["side"] = rng.choice(OFF_MID if s == "midline" else UNI)
    elif defect == "position":
        if rng.random() < 0.5:
            parts["relation"] = rng.choice(rel(other, FLIP[r]))
        else:
            parts["vertical"] = rng.choice(VERT["anterior" if p["vert"] == "posterior" else "posterior"])
    elif defect == "size":
        wrong = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[p["size"]]
        wrong_pct = {"small": 30.0, "large": 0.3, "medium": 0.2 if wrong == "small" else 40.0}[p["size"]]
        parts["size"] = rng.choice(SIZE[wrong] + pct(wrong_pct))
    elif defect == "count":
        parts["count"] = rng.choice(cnt(2 if p["comps"] == 1 else 1))
    order = list(parts)
    rng.shuffle(order)
    sep = "\n" if style == "emoji" else " "
    body = LEADS[style].format(name=p["target"], seg="[SEG]") + sep + sep.join(parts[k] for k in order)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": "Thanks! Anything else?"},
             {"role": "assistant", "content": " ".join(rng.sample(extras, k=2))}]
    return turns, expected
