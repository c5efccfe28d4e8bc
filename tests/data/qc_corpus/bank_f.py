"""Phrase bank F of the QC corpus: a sixth voice (report headings, academic paragraph, abbreviation-heavy
telegraphic notes, follow-up-heavy chat), written blind after bank E's first measurement and before bank
E was spent on tuning. It is the final held-out split: measured, never tuned on.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
ABBR = {"left": "L", "right": "R"}


def side(s: str, o: str) -> list[str]:
    return [f"LOCATION: patient's {s} abdomen.", f"The segmented structure is situated in the {s} half of the "
            f"patient, consistent with its usual anatomy.", f"{ABBR[s]}-sided.",
            f"As displayed (radiological view) it is on the screen's {o}, i.e. anatomically on the patient's {s}.",
            f"Yes, it's on the {s} side of the body."]


def deny(x: str) -> list[str]:
    return [f"No extension to the {x}.", f"It does not lie on the patient's {x} side.",
            f"The patient's {x} side is free of it."]


MID = ["LOCATION: midline.", "The segmented structure is situated in the midline of the patient.",
       "Midline, centred over the spine."]
OFF_MID = ["LOCATION: patient's right abdomen.", "L-sided, away from the midline.",
           "The segmented structure is situated in the left half of the patient."]
BIL = ["LOCATION: bilateral.", "It is present on both sides, one part left and one part right.", "Bilateral."]
UNI = ["LOCATION: patient's left abdomen only.", "R-sided only.", "It is present on the right side only."]
VERT = {"anterior": ["DEPTH: anterior.", "Its position is ventral in the abdominal cavity.", "Ant. location."],
        "posterior": ["DEPTH: posterior.", "Its position is dorsal in the abdominal cavity.", "Post. location."]}


def rel(other: str, r: str) -> list[str]:
    w = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "to the patient's left of",
         "right_of": "to the patient's right of"}[r]
    ab = {"anterior_to": "ant. to", "posterior_to": "post. to", "left_of": "L of", "right_of": "R of"}[r]
    return [f"RELATIONS: {w} the {other}.", f"Anatomically, it lies {w} the {other}.", f"{ab} the {other}."]


SIZE = {"small": ["SIZE: small.", "Its extent on this section is small.", "Small on this cut."],
        "medium": ["SIZE: medium.", "Its extent on this section is moderate.", "Medium on this cut."],
        "large": ["SIZE: large.", "Its extent on this section is large.", "Large on this cut."]}


def pct(p: float) -> list[str]:
    return [f"AREA: {p:.1f}% of the image.", f"It accounts for approximately {p:.1f} per cent of the pixels.",
            f"~{p:.1f}% of FOV."]


def cnt(n: int) -> list[str]:
    if n == 1:
        return ["COMPONENTS: 1.", "It forms a single connected component.", "1 component."]
    return [f"COMPONENTS: {n}.", f"It forms {n} disconnected components.", f"{n} components."]


Q = ["Which {noun} {fn}? Please provide a mask.", "Could you identify and segment the {noun} that {fn}?",
     "Which {noun} here {fn}? Segment.", "Hi, which {noun} {fn}? Please outline it on the image."]
WRONG_Q = ["Which {noun} in the patient's {o} abdomen {fn}? Please provide a mask.",
           "Could you segment the {o}-sided {noun} that {fn}?"]
GIVE = {"liver": ["a liver transplant", "hepatomegaly"], "spleen": ["splenomegaly", "a splenectomy"],
        "left kidney": ["a kidney transplant", "renal artery stenosis"], "right kidney": ["a kidney transplant", "renal stones"],
        "aorta": ["aortic stenosis", "an aortic graft"], "pancreas": ["a pancreatic tumour", "a Whipple for pancreatic cancer"],
        "gallbladder": ["gallbladder cancer", "biliary colic from the gall bladder"], "stomach": ["a stomach bleed", "gastric cancer"],
        "inferior vena cava": ["an IVC thrombus", "a dilated inferior vena cava"], "liver lesion": ["liver lesions", "a hepatic mass"],
        "kidney": ["kidney disease", "renal impairment"], "kidney cyst": ["renal cysts", "a cyst"]}
TRAPS = ["Incidentally, the spleen appears normal in size.", "No free fluid is seen on the right or left.",
         "The right hemidiaphragm is slightly higher than the left.", "Roughly 5% of adults have a similar variant.",
         "A large tumour in this region would be easy to see."]
LEADS = {"report": "FINDINGS: {name} {seg}.", "academic": "The structure in question is the {name} {seg}.",
         "telegraphic": "{name} {seg}.", "chatty": "Sure - that's the {name} {seg}!"}


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
        q = f"History of {rng.choice(GIVE[p['target']])}. Which structure is relevant? Please provide a mask."
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
    sep = "\n" if style == "report" else " "
    body = LEADS[style].format(name=p["target"], seg="[SEG]") + sep + sep.join(parts[k] for k in order)
    follow_q = rng.choice(["And anything else on the image?", "Is there more to say?", "What else do you notice?"])
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": follow_q}, {"role": "assistant", "content": " ".join(rng.sample(extras, k=2))}]
    return turns, expected
