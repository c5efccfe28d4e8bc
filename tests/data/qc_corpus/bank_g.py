"""Phrase bank G of the QC corpus: a seventh voice (markdown headers, dictated report, one-liners,
second-opinion review), written blind after bank F's false flags had been read, and never inspected:
the final held-out split.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def side(s: str, o: str) -> list[str]:
    return [f"### Location\nPatient's {s} side of the abdomen.",
            f"Dictation: structure identified in the {s} abdomen.",
            f"On the patient's {s}.",
            f"I agree with the first read: it is on the patient's {s}, even though the screen shows it on the {o}.",
            f"It's {s}-sided in this patient."]


def deny(x: str) -> list[str]:
    return [f"Nothing is seen on the patient's {x}.", f"It isn't on the {x} side.",
            f"I do not see it on the patient's {x}."]


MID = ["### Location\nMidline.", "Dictation: structure identified in the midline.", "In the midline.",
       "It's a midline structure in this patient."]
OFF_MID = ["### Location\nPatient's left side of the abdomen.", "Dictation: structure identified in the right abdomen.",
           "It's left-sided in this patient."]
BIL = ["### Location\nBoth sides.", "Dictation: structure identified bilaterally.", "On both sides of the patient."]
UNI = ["### Location\nPatient's right side only.", "Dictation: structure identified in the left abdomen only.",
       "I see it on the patient's left side only."]
VERT = {"anterior": ["### Depth\nAnterior.", "Dictation: anterior location.", "Toward the front of the patient.",
                     "It is an anterior structure on this slice."],
        "posterior": ["### Depth\nPosterior.", "Dictation: posterior location.", "Toward the back of the patient.",
                      "It is a posterior structure on this slice."]}


def rel(other: str, r: str) -> list[str]:
    w = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "to the patient's left of",
         "right_of": "to the patient's right of"}[r]
    return [f"### Neighbours\nIt is {w} the {other}.", f"Dictation: {w} the {other}.",
            f"Compared with the {other}, it is {w.replace(' to', '').replace(' of', '').replace('to the patient', 'more to the patient')}.",
            f"I agree it lies {w} the {other}."]


SIZE = {"small": ["### Size\nSmall.", "Dictation: small.", "It appears small on this image.", "A small structure here."],
        "medium": ["### Size\nMedium.", "Dictation: intermediate size.", "It appears medium-sized on this image.",
                   "A medium-sized structure here."],
        "large": ["### Size\nLarge.", "Dictation: large.", "It appears large on this image.", "A large structure here."]}


def pct(p: float) -> list[str]:
    return [f"It takes up about {p:.1f}% of the image.", f"Dictation: {p:.1f} percent of image area.",
            f"Roughly {p:.1f}% of the slice."]


def cnt(n: int) -> list[str]:
    words = {1: "one", 2: "two", 3: "three"}
    if n == 1:
        return ["### Parts\nOne.", "Dictation: single region.", "It is one region.", "A single piece."]
    return [f"### Parts\n{words[n].capitalize()}.", f"Dictation: {words[n]} regions.", f"It is {words[n]} regions.",
            f"{words[n].capitalize()} separate pieces."]


Q = ["Second opinion please: which {noun} {fn}? Segment it.", "### Question\nWhich {noun} {fn}? Please segment it.",
     "Dictate and segment the {noun} that {fn}.", "Which {noun} {fn}? Mask."]
WRONG_Q = ["Second opinion please: which {noun} on the patient's {o} {fn}? Segment it.",
           "Dictate and segment the {o}-sided {noun} that {fn}."]
GIVE = {"liver": ["hepatic failure", "a liver biopsy"], "spleen": ["a splenic abscess", "spleen trauma"],
        "left kidney": ["renal trauma", "a kidney biopsy"], "right kidney": ["renal trauma", "a kidney biopsy"],
        "aorta": ["aortic rupture", "an aortic stent"], "pancreas": ["a pancreatic cyst", "pancreatic necrosis"],
        "gallbladder": ["a gallbladder empyema", "cholecystolithiasis"], "stomach": ["gastric outlet obstruction", "a stomach tube"],
        "inferior vena cava": ["IVC obstruction", "caval invasion"], "liver lesion": ["hepatic metastases", "a liver tumour"],
        "kidney": ["kidney stones", "renal transplant"], "kidney cyst": ["a renal cystic lesion", "kidney cysts"]}
TRAPS = ["The opposite side looks unremarkable.", "Bowel loops on the left are collapsed.",
         "A small amount of fluid is noted near the liver.", "Second read otherwise concurs with the first.",
         "Large vessels nearby are patent."]
LEADS = {"markdown": "### Answer\nThe {name} {seg}.", "dictation": "Dictation: {name} {seg}.",
         "oneliner": "{name} {seg}.", "review": "Second read: the {name} {seg}."}


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
        q = f"Known {rng.choice(GIVE[p['target']])}. Which structure? Please segment it."
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
    sep = "\n" if style == "markdown" else " "
    body = LEADS[style].format(name=p["target"], seg="[SEG]") + sep + sep.join(parts[k] for k in order)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": "Anything else to note?"},
             {"role": "assistant", "content": " ".join(rng.sample(extras, k=2))}]
    return turns, expected
