"""Phrase bank K of the QC corpus: an eleventh voice, written blind by helper `qc2` after every fix of
this round (banks G, I and J read), measured once and kept held-out (never tuned on).

Four registers (a resident presenting at rounds, with fillers; a markdown table; numbers and fractions
as words; a cautious consultant's paragraph with caveats), and clean traps not used before: side words
inside names of other structures ("the right crus of the diaphragm", "the posterior segment"),
inverted relations ("to its left lies ..."), population statistics, self-corrections that settle on the
true side, "the contralateral kidney", view-from-the-feet conventions and "predominantly". Each
defective conversation carries exactly one false, plainly asserted claim about the target. Imports
nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
REL = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}


def side_text(s: str, style: str) -> str:
    word = {"left": "left", "right": "right", "midline": "midline", "bilateral": "both sides"}[s]
    if s in OPP:
        return {"rounds": f"So, um, it's on the patient's {s} side.", "table": f"| Side | patient's {s} |",
                "words": f"It lies on the {s} side of the body.",
                "consultant": f"I am confident it lies on the patient's {s}."}[style]
    if s == "midline":
        return {"rounds": "So, um, it's right in the midline.", "table": "| Side | midline |",
                "words": "It lies in the midline of the body.",
                "consultant": "I am confident it lies in the midline."}[style]
    return {"rounds": "So, um, there's one on each side.", "table": f"| Side | {word} |",
            "words": "It lies on both sides of the body, one on the left and one on the right.",
            "consultant": "I am confident it is bilateral, present on the left and on the right."}[style]


def wrong_side(s: str, style: str) -> str:
    if s in OPP:
        return side_text(OPP[s], style)
    bad = "right" if s == "midline" else "left"
    only = "" if s == "midline" else " only"
    return {"rounds": f"So, um, it's on the patient's {bad} side{only}.", "table": f"| Side | patient's {bad}{only} |",
            "words": f"It lies on the {bad} side of the body{only}.",
            "consultant": f"I am confident it lies on the patient's {bad}{only}."}[style]


def vert_text(v: str, style: str) -> str:
    a = v == "anterior"
    return {"rounds": f"And it's, like, {'anterior' if a else 'posterior'}.",
            "table": f"| Depth | {'anterior' if a else 'posterior'} |",
            "words": f"It lies in the {'front' if a else 'back'} part of the abdomen.",
            "consultant": f"It is located {'anteriorly' if a else 'posteriorly'}."}[style]


def rel_text(other: str, r: str, style: str) -> str:
    w = REL[r]
    return {"rounds": f"It's {w} the {other}.", "table": f"| Relation | {w} the {other} |",
            "words": f"It lies {w} the {other}.", "consultant": f"It is situated {w} the {other}."}[style]


def size_text(sz: str, frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    w = {"small": "small", "medium": "medium-sized", "large": "large"}[sz]
    if style == "words":
        frac_word = ("less than a hundredth" if p < 1 else "about a fiftieth" if p < 3 else "about a twentieth"
                     if p < 7 else "about a fifth" if p > 14 else "about a tenth")
        return rng.choice([f"It covers {frac_word} of the image.", f"It is {w} on this image."])
    return rng.choice([{"rounds": f"It's pretty {w}.", "table": f"| Size | {w} |", "consultant": f"It is {w}."}[style],
                       {"rounds": f"It covers, um, {p:.1f} percent of the image.", "table": f"| Area | {p:.1f}% |",
                        "consultant": f"It occupies {p:.1f}% of the image."}[style]])


def wrong_size(sz: str, style: str, rng: random.Random) -> str:
    bad = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sz]
    p = {"small": 0.1, "large": 45.0}[bad]
    w = {"small": "tiny", "large": "huge"}[bad]
    if style == "words":
        frac_word = "a thousandth" if bad == "small" else "nearly half"
        return rng.choice([f"It covers {frac_word} of the image.", f"It is {w} on this image."])
    return rng.choice([{"rounds": f"It's pretty {w}.", "table": f"| Size | {w} |", "consultant": f"It is {w}."}[style],
                       {"rounds": f"It covers, um, {p:.1f} percent of the image.", "table": f"| Area | {p:.1f}% |",
                        "consultant": f"It occupies {p:.1f}% of the image."}[style]])


def count_text(n: int, style: str) -> str:
    if n == 1:
        return {"rounds": "It's all one piece.", "table": "| Regions | 1 |", "words": "It forms one single region.",
                "consultant": "It is a single connected region."}[style]
    return {"rounds": f"It's {NUMW[n]} pieces.", "table": f"| Regions | {n} |",
            "words": f"It forms {NUMW[n]} separate regions.", "consultant": f"It consists of {NUMW[n]} separate regions."}[style]


def traps(p: dict) -> list[str]:
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    out += ["The right crus of the diaphragm is visible nearby.", "Variants like this are seen in about 5% of people.",
            "CT images are viewed as if from the patient's feet."]
    if s in OPP:
        o = OPP[s]
        out += [f"At first I thought {o}, but it is clearly on the {s}.",
                f"The contralateral {'kidney' if 'kidney' not in tgt else 'adrenal'} on the {o} is unremarkable.",
                f"It is predominantly on the patient's {s}.",
                f"To its {o} lies the midline of the body."]
    else:
        out += ["The left crus of the diaphragm is visible nearby.", "The right lobe of the liver is unremarkable."]
    if p["size"] == "large":
        out += ["The posterior segment of the right lobe is normal.", "It is the largest organ on this slice."]
    else:
        out += ["It is not the largest organ on this slice.", "The anterior abdominal wall is thin."]
    if p["comps"] == 1:
        out += ["There are two adrenal glands in the body.", "Two surgical clips are seen elsewhere."]
    else:
        out += [f"It has {NUMW[p['comps']]} parts, not one."]
    return out


Q = {"rounds": ["Okay, for rounds: which {noun} {fn}? Segment it please.",
                "Present this one: which {noun} {fn}? Please segment it."],
     "table": ["Fill in a table and segment the {noun} that {fn}.", "Which {noun} {fn}? Segment it and tabulate."],
     "words": ["Which {noun} on this picture {fn}? Please segment it.", "Find and segment the {noun} that {fn}."],
     "consultant": ["Which {noun} {fn}? Please segment it with any caveats.",
                    "Could you segment the {noun} that {fn} and comment?"]}
WRONG_Q = ["Okay, for rounds: which {noun} on the patient's {o} {fn}? Segment it please.",
           "Find and segment the {noun} on the patient's {o} side that {fn}."]
GIVE = {"liver": ["liver cirrhosis", "a hepatic cyst"], "spleen": ["splenomegaly", "a splenic cyst"],
        "left kidney": ["kidney stones", "renal cell carcinoma"], "right kidney": ["kidney stones", "renal cell carcinoma"],
        "aorta": ["an aortic aneurysm", "aortic stenosis"], "pancreas": ["pancreatitis", "a pancreatic cyst"],
        "gallbladder": ["gallbladder disease", "gallstones in the gallbladder"], "stomach": ["stomach pain", "gastritis"],
        "inferior vena cava": ["an IVC filter", "vena cava syndrome"],
        "liver lesion": ["liver metastases", "a liver mass"], "kidney": ["kidney disease", "renal failure"],
        "kidney cyst": ["a kidney cyst", "renal cystic disease"]}
LEAD = {"rounds": "Okay, so this is the {name} {seg}.", "table": "Here it is: the {name} {seg}.",
        "words": "This is the {name} {seg}.", "consultant": "In my opinion this is the {name} {seg}."}
FOLLOW = ["Anything else for the team?", "What other caveats would you add?", "Is anything else visible here?",
          "Any pitfalls worth mentioning?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style), "vertical": vert_text(p["vert"], style), "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, rng), "count": count_text(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"The patient has {rng.choice(GIVE[p['target']])}. Which {p['noun']} is it? Please segment it."
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
        parts["size"] = wrong_size(p["size"], style, rng)
    elif defect == "count":
        parts["count"] = count_text(2 if p["comps"] == 1 else 1, style)
    t = traps(p)
    extra = rng.sample(t, k=2)
    items = [parts[k] for k in parts]
    rng.shuffle(items)
    lead = LEAD[style].format(name=p["target"], seg="[SEG]")
    if style == "table":
        body = lead + "\n\n| Feature | Finding |\n|---|---|\n" + "\n".join(items) + "\n\n" + " ".join(extra)
    else:
        mixed = items + extra
        rng.shuffle(mixed)
        body = lead + " " + " ".join(mixed)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": " ".join(rng.sample(t, k=3))}]
    return turns, expected
