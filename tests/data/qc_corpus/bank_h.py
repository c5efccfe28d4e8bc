"""Phrase bank H of the QC corpus: an eighth voice, written blind by a second writer (helper `qc2`)
before the QC rules were read in depth, and kept held-out (never tuned on).

Four registers (terse radiologist report, tutor, chatty markdown with bullet lists, numbers written as
words), each clean conversation carrying the traps that make a checker flag good prose: hedged
statements ("likely", "may", "could be"), comparisons with other structures, convention-explaining
sentences, true negations, lists of differentials that name other organs with their sides,
conditional / hypothetical sentences ("if it were on the left ..."), generic anatomy knowledge and
measurements in centimetres. A defective conversation carries exactly one false, plainly asserted claim
about the target in this image. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
WORDS = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
         9: "nine", 10: "ten", 12: "twelve", 15: "fifteen", 20: "twenty", 25: "twenty-five", 30: "thirty",
         35: "thirty-five", 40: "forty"}
# organs on a fixed side, used for differentials and conditionals (names of *other* structures)
SIDED = {"left": ["spleen", "left kidney", "stomach", "descending colon"],
         "right": ["liver", "gallbladder", "right kidney", "ascending colon"]}


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _rel_words(r: str) -> list[str]:
    return {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
            "left_of": ["to the patient's left of", "on the patient's left of"],
            "right_of": ["to the patient's right of", "on the patient's right of"]}[r]


def _pct_words(p: float) -> str:
    if p < 1:
        return "less than one percent"
    n = min(WORDS, key=lambda k: abs(k - p) if k else 99)
    return f"about {WORDS[n]} percent"


def true_side(s: str, style: str) -> list[str]:
    if s in OPP:
        o = OPP[s]
        return {"terse": [f"{_cap(s)}-sided.", f"Location: {s} upper abdomen."],
                "tutor": [f"Notice that it sits on the patient's {s} side.",
                          f"It shows on the image's {o}, which by convention is the patient's {s}."],
                "chatty": [f"- **Side:** patient's {s}", f"- It's over on the patient's {s} 👍"],
                "words": [f"It lies on the patient's {s}.", f"It is in the {s} half of the body."]}[style]
    if s == "midline":
        return {"terse": ["Midline."], "tutor": ["Notice that it sits right in the middle, over the spine."],
                "chatty": ["- **Side:** midline"], "words": ["It lies in the middle of the body."]}[style]
    return {"terse": ["Bilateral."], "tutor": ["Notice there is one on each side of the spine."],
            "chatty": ["- **Side:** both, one left and one right"],
            "words": ["There is one on the patient's left and one on the right."]}[style]


def wrong_side(s: str, style: str) -> list[str]:
    if s in OPP:
        o = OPP[s]
        return {"terse": [f"{_cap(o)}-sided.", f"Location: {o} upper abdomen."],
                "tutor": [f"Notice that it sits on the patient's {o} side.",
                          f"It shows on the image's {s}, which by convention is the patient's {o}."],
                "chatty": [f"- **Side:** patient's {o}", f"- It's over on the patient's {o} 👍"],
                "words": [f"It lies on the patient's {o}.", f"It is in the {o} half of the body."]}[style]
    if s == "midline":
        return {"terse": ["Right-sided, away from the midline."],
                "tutor": ["Notice that it sits well over on the patient's left, not in the middle."],
                "chatty": ["- **Side:** patient's right"], "words": ["It lies on the patient's left."]}[style]
    return {"terse": ["Left-sided only."], "tutor": ["Notice that it is only on the patient's right side."],
            "chatty": ["- **Side:** patient's left only"], "words": ["There is only one, on the patient's right."]}[style]


def vert(v: str, style: str) -> list[str]:
    front = v == "anterior"
    return {"terse": ["Anterior." if front else "Posterior."],
            "tutor": [f"It lies toward the {'front' if front else 'back'} of the body."],
            "chatty": [f"- **Depth:** {'front' if front else 'back'} of the belly"],
            "words": [f"It sits {'anteriorly' if front else 'posteriorly'}."]}[style]


def relation(other: str, r: str, style: str, rng: random.Random) -> str:
    w = rng.choice(_rel_words(r))
    return {"terse": f"{_cap(w)} the {other}.", "tutor": f"See how it lies {w} the {other}?",
            "chatty": f"- sits {w} the {other}", "words": f"It lies {w} the {other}."}[style]


def size(sz: str, frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    word = {"small": "small", "medium": "medium-sized", "large": "large"}[sz]
    if style == "words":
        return rng.choice([f"It covers {_pct_words(p)} of the image.", f"It is {word} on this slice."])
    pct = f"{p:.1f}%"
    return {"terse": rng.choice([f"{_cap(word)}.", f"Area {pct} of image."]),
            "tutor": rng.choice([f"It is {word} on this slice.", f"It covers roughly {pct} of the picture."]),
            "chatty": rng.choice([f"- **Size:** {word}", f"- takes up ~{pct} of the image"])}[style]


def wrong_size(sz: str, style: str, rng: random.Random) -> str:
    bad = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sz]
    word = {"small": "tiny", "large": "huge"}[bad]
    p = {"small": 0.2, "large": 35.0}[bad]
    if style == "words":
        few = "well under half of one percent" if bad == "small" else _pct_words(p)
        return rng.choice([f"It covers {few} of the image.", f"It is {word} on this slice."])
    return {"terse": rng.choice([f"{_cap(word)}.", f"Area {p:.1f}% of image."]),
            "tutor": rng.choice([f"It is {word} on this slice.", f"It covers roughly {p:.1f}% of the picture."]),
            "chatty": rng.choice([f"- **Size:** {word}", f"- takes up ~{p:.1f}% of the image"])}[style]


def count(n: int, style: str) -> str:
    if n == 1:
        return {"terse": "Single component.", "tutor": "It is one continuous region.",
                "chatty": "- **Pieces:** just one", "words": "It forms one connected region."}[style]
    return {"terse": f"{n} components.", "tutor": f"It is made of {WORDS[n]} separate regions.",
            "chatty": f"- **Pieces:** {WORDS[n]}", "words": f"It forms {WORDS[n]} separate regions."}[style]


def traps(p: dict, facts: dict, rng: random.Random) -> list[str]:
    """True sentences that a checker must not flag."""
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    if s in OPP:
        o = OPP[s]
        neigh = rng.choice([x for x in SIDED[o] if x not in tgt])
        out += [f"It most likely sits on the patient's {s}, as usual.",
                f"If it were on the {o}, I would think of the {neigh} instead.",
                f"Had it appeared on the patient's {o}, the answer would be different.",
                f"Differentials I considered: the {SIDED[o][0]} (patient's {o}), the {SIDED[o][1]} ({o}) "
                f"and the {SIDED[s][0] if SIDED[s][0] not in tgt else SIDED[s][1]}.",
                f"It does not extend to the patient's {o}.",
                f"On the screen it is on the {o}, which is the patient's {s} in radiological convention.",
                f"Radiology images are displayed as if facing the patient, so the patient's {s} is on your {o}.",
                f"The {neigh} on the {o} side looks normal."]
    else:
        out += ["It could be mistaken for a left-sided structure, but it is central or paired here.",
                "If it were only on the left, a different answer would fit."]
    out += ["It may vary in shape between patients.", "It could be easier to see with contrast.",
            "In adults this structure is usually about twelve centimetres long in its longest axis."]
    if p["size"] != "large":
        out += ["The liver next to it is much larger." if "liver" not in tgt else "The surrounding liver is much larger.",
                "A large tumour could displace it, but none is present.",
                "It may look larger on other slices."]
    else:
        out += ["It is much larger than the spleen.", "Small bowel loops lie below it.",
                "A small cyst could hide inside it, but none is seen here."]
    if p["comps"] == 1:
        out += ["It is not split into separate pieces.", "Two or three small lymph nodes are seen nearby.",
                "Sometimes an accessory lobe makes it look like two parts, but not here."]
    else:
        out += [f"It is not one single region; there are {WORDS[p['comps']]}."]
    if p["vert"] == "posterior":
        out += ["Bowel loops lie in front of it.", "If it were anterior, it would sit just under the abdominal wall."]
    else:
        out += ["The spine lies well behind it.", "If it were posterior, it would sit against the back muscles."]
    return out


Q = {"terse": ["Identify and segment the {noun} that {fn}.", "Which {noun} {fn}? Provide a mask."],
     "tutor": ["Let's practise: which {noun} in this image {fn}? Is it on the left or the right? Please segment it.",
               "Think it through: which {noun} {fn}, and could it be confused with its neighbours? Segment it."],
     "chatty": ["Hey 👋 can you find the {noun} that {fn} on this CT and segment it?",
                "Quick one: which {noun} {fn}? Mark it for me please."],
     "words": ["Which {noun} on this slice {fn}? Please segment it.",
               "Can you point out the {noun} that {fn} and segment it?"]}
WRONG_Q = ["Which {noun} on the patient's {o} side {fn}? Please segment it.",
           "Segment the {o}-sided {noun} that {fn}."]
GIVE = {"liver": ["a hepatic abscess", "liver cirrhosis"], "spleen": ["splenic infarction", "a spleen laceration"],
        "left kidney": ["renal colic", "a kidney stone"], "right kidney": ["renal colic", "a kidney stone"],
        "aorta": ["an aortic dissection", "aortic calcification"],
        "pancreas": ["acute pancreatitis", "a pancreatic mass"],
        "gallbladder": ["gallbladder stones", "acute cholecystitis"], "stomach": ["a gastric ulcer", "stomach cancer"],
        "inferior vena cava": ["an IVC filter", "caval thrombosis"],
        "liver lesion": ["liver metastases", "hepatic lesions"], "kidney": ["renal failure", "kidney disease"],
        "kidney cyst": ["a renal cyst", "a cystic kidney"]}
FOLLOW = ["What else should I notice around it?", "Could it be confused with anything nearby?",
          "How sure are you about the side and the size?", "Anything tricky about this one?"]
LEAD = {"terse": "Finding: {name} {seg}.", "tutor": "Well done for asking! This is the {name} {seg}.",
        "chatty": "Sure thing! 😊 It's the **{name}** {seg}", "words": "This is the {name} {seg}."}


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": rng.choice(true_side(s, style)), "vertical": rng.choice(vert(p["vert"], style)),
             "relation": relation(other, r, style, rng),
             "size": size(p["size"], facts["area_fraction"], style, rng), "count": count(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"This patient has {rng.choice(GIVE[p['target']])}. Which {p['noun']} is affected? Please segment it."
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        else:
            parts["side"] = rng.choice(wrong_side(s, style))
    elif defect == "position":
        if rng.random() < 0.5:
            parts["relation"] = relation(other, FLIP[r], style, rng)
        else:
            parts["vertical"] = rng.choice(vert("posterior" if p["vert"] == "anterior" else "anterior", style))
    elif defect == "size":
        parts["size"] = wrong_size(p["size"], style, rng)
    elif defect == "count":
        parts["count"] = count(2 if p["comps"] == 1 else 1, style)
    t = traps(p, facts, rng)
    body_parts = [parts[k] for k in parts] + [("- " if style == "chatty" else "") + x for x in rng.sample(t, k=2)]
    rng.shuffle(body_parts)
    sep = "\n" if style == "chatty" else " "
    body = LEAD[style].format(name=p["target"], seg="[SEG]") + sep + sep.join(body_parts)
    follow = " ".join(rng.sample(t, k=3))
    if style == "chatty":
        follow = "Good question! A few things:\n" + "\n".join(f"- {x}" for x in rng.sample(t, k=3))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": follow}]
    return turns, expected
