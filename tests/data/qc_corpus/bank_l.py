"""Phrase bank L of the QC corpus: a twelfth voice, written blind by helper `qc2` after bank K's fix,
measured once and kept held-out (never tuned on).

Four registers (exam marking scheme, text-message shorthand, pros-and-cons bullets, a JSON-like
summary in prose), and clean traps not used before: 'right' meaning correct ("that's the right
answer", "you're right", "right next to"), marks and points as numbers, image properties ("the left
side of the image is darker"), the patient's handedness, other slices ("larger on the next slice"),
negative size comparisons ("not as big as the liver") and keys that belong to other structures. Each
defective conversation carries exactly one false, plainly asserted claim about the target. Imports
nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
REL = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}


def side_text(s: str, style: str) -> str:
    v = {"left": "the patient's left", "right": "the patient's right", "midline": "the midline",
         "bilateral": "both sides"}[s]
    return {"marking": f"1 mark: it lies on {v}.", "sms": f"its on {v} btw",
            "proscons": f"+ sits on {v}, as expected", "json": f'"side": "{s}" — it lies on {v}.'}[style]


def wrong_side(s: str, style: str) -> str:
    bad = OPP.get(s, "left" if s == "midline" else "right")
    only = " only" if s == "bilateral" else ""
    v = f"the patient's {bad}{only}"
    return {"marking": f"1 mark: it lies on {v}.", "sms": f"its on {v} btw",
            "proscons": f"+ sits on {v}, as expected", "json": f'"side": "{bad}{only}" — it lies on {v}.'}[style]


def vert_text(v: str, style: str) -> str:
    return {"marking": f"1 mark: it is {v}.", "sms": f"{'front' if v == 'anterior' else 'back'} of the belly",
            "proscons": f"+ {v} position", "json": f'"vertical": "{v}" — it is {v}.'}[style]


def rel_text(other: str, r: str, style: str) -> str:
    w = REL[r]
    return {"marking": f"1 mark: it lies {w} the {other}.", "sms": f"its {w} the {other}",
            "proscons": f"+ lies {w} the {other}", "json": f'"relation": it lies {w} the {other}.'}[style]


def size_text(sz: str, frac: float, style: str, rng: random.Random, wrong: bool = False) -> str:
    p = frac * 100
    if wrong:
        sz = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sz]
        p = {"small": 0.1, "large": 40.0}[sz]
    w = {"small": "small", "medium": "medium-sized", "large": "large"}[sz]
    if rng.random() < 0.5:
        return {"marking": f"1 mark: it is {w}.", "sms": f"its {w}", "proscons": f"+ {w} on this slice",
                "json": f'"size": "{w}" — it is {w}.'}[style]
    return {"marking": f"1 mark: it covers about {p:.1f}% of the image.", "sms": f"covers ~{p:.1f}% of the pic",
            "proscons": f"+ covers about {p:.1f}% of the image", "json": f'"area_percent": {p:.1f} — it covers {p:.1f}% of the image.'}[style]


def count_text(n: int, style: str) -> str:
    if n == 1:
        return {"marking": "1 mark: it is a single region.", "sms": "just 1 piece", "proscons": "+ one connected region",
                "json": '"regions": 1 — it is one region.'}[style]
    return {"marking": f"1 mark: it forms {NUMW[n]} separate regions.", "sms": f"{n} separate pieces",
            "proscons": f"+ {NUMW[n]} separate regions", "json": f'"regions": {n} — it forms {NUMW[n]} separate regions.'}[style]


def traps(p: dict) -> list[str]:
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    out += ["That's the right answer, well done!", "You're right to check the window settings.",
            "Total: 5 marks available, 2 marks for the reasoning.", "The left side of the image is slightly darker.",
            "The patient is left-handed, which does not matter here."]
    if p["size"] != "large":
        out += ["It is not as big as the liver.", "It may be larger on the next slice."]
    else:
        out += ["It is bigger than every other organ on this slice.", "A tiny cyst would be easy to miss in it."]
    if s in OPP:
        out += [f"All right, it is on the {s} and nowhere else.", f'"other_side": the {OPP[s]} side is clear.']
    else:
        out += ["All right, nothing else to add about its side."]
    if p["comps"] == 1:
        out += ["2 points off if you segment the neighbouring bowel too."]
    return out


Q = {"marking": ["Exam question (5 marks): which {noun} {fn}? Segment it.",
                 "Marking scheme practice: identify and segment the {noun} that {fn}."],
     "sms": ["hey which {noun} {fn}?? pls segment it", "quick q - which {noun} {fn}? segment pls"],
     "proscons": ["Which {noun} {fn}? Segment it and list the points for and against.",
                  "List pros and cons, then segment the {noun} that {fn}."],
     "json": ["Which {noun} {fn}? Segment it and summarise the key fields.",
              "Summarise as fields and segment the {noun} that {fn}."]}
WRONG_Q = ["Exam question (5 marks): which {noun} on the patient's {o} {fn}? Segment it.",
           "hey which {noun} on the patient's {o} {fn}?? pls segment it"]
GIVE = {"liver": ["liver failure", "a hepatic abscess"], "spleen": ["a ruptured spleen", "splenic infarcts"],
        "left kidney": ["renal colic", "a kidney tumour"], "right kidney": ["renal colic", "a kidney tumour"],
        "aorta": ["an aortic dissection", "an aortic graft"], "pancreas": ["pancreatic cancer", "pancreatitis"],
        "gallbladder": ["gallbladder stones", "cholecystitis"], "stomach": ["stomach cancer", "a gastric ulcer"],
        "inferior vena cava": ["an IVC clot", "caval thrombosis"],
        "liver lesion": ["liver metastases", "hepatic lesions"], "kidney": ["kidney failure", "renal disease"],
        "kidney cyst": ["a renal cyst", "kidney cysts"]}
LEAD = {"marking": "Model answer: the {name} {seg} (2 marks).", "sms": "its the {name} {seg}",
        "proscons": "Answer: the {name} {seg}", "json": '"target": "{name}" {seg}'}
FOLLOW = ["Anything else I should know?", "Any other remarks on the image?", "What else stands out here?",
          "Is there more to add?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style), "vertical": vert_text(p["vert"], style), "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, rng), "count": count_text(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"Patient with {rng.choice(GIVE[p['target']])}. Which {p['noun']} is affected? Please segment it."
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
    if style in ("proscons", "json"):
        body = lead + "\n" + "\n".join(items)
    else:
        body = lead + ". " + " ".join(items) if style == "sms" else lead + " " + " ".join(items)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": " ".join(rng.sample(t, k=3))}]
    return turns, expected
