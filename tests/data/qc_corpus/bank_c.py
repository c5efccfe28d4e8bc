"""Phrase bank C of the QC corpus: a third voice (clinical note, numbered exam answer, verbose chatbot,
everything spelled out), written after bank B's held-out half had been spent on tuning, and never
tuned on: it is the held-out split. Inverted word order ("Behind it sits the aorta"), denials by
'absent'/'none', size and count said in ways the other banks do not use, claims inside questions.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMWORD = {1: "one", 2: "two", 3: "three", 4: "four"}


def cap(t: str) -> str:
    return t[:1].upper() + t[1:]


def side_true(s: str, o: str) -> list[str]:
    return [f"It can be found on the {s} side of the patient.",
            f"It is located within the {s} hemiabdomen.",
            f"It resides predominantly in the patient's {s} abdomen.",
            f"Here it is exactly where you'd expect it: on the patient's {s}.",
            f"Situated to the {s} of the midline.",
            f"In patient coordinates it's on the {s}; on the monitor it shows up on the {o}.",
            f"It is positioned in the {s} abdominal quadrants."]


def neg_true(s: str, o: str) -> list[str]:
    return [f"It doesn't extend to the {o} side.", f"It is absent from the patient's {o} side.",
            f"None of it lies on the patient's {o}.", f"It never crosses to the {o}."]


def neg_false(s: str) -> list[str]:
    return [f"It is absent from the patient's {s} side.", f"None of it lies on the patient's {s}.",
            f"It is not located on the {s}."]


MIDLINE_TRUE = ["It is a midline structure.", "It sits centrally, straddling the midline.",
                "It occupies a central position, neither left nor right."]
MIDLINE_WRONG = ["It is displaced to the patient's left.", "It lies off-centre, to the patient's right.",
                 "It is a right-sided structure on this image."]
BILAT_TRUE = ["It is outlined on either side.", "It appears on the left and on the right.",
              "The mask covers both sides."]
BILAT_WRONG = ["Only the right side is involved.", "It is confined to the patient's left.",
               "It is unilateral, on the right."]
VERT = {"anterior": ["It lies in the anterior abdomen.", "It sits at the front, just beneath the abdominal wall.",
                     "It is a ventral structure.", "It is closer to the front than to the back."],
        "posterior": ["It is located posteriorly within the retroperitoneum.",
                      "It is found deep in the back of the abdomen.", "It is a dorsal structure.",
                      "It is closer to the back than to the front."]}


def relation(other: str, rel: str) -> list[str]:
    inv_lead = {"anterior_to": "Behind it sits", "posterior_to": "Immediately in front of it lies",
                "left_of": "To its right lies", "right_of": "To its left lies"}[rel]
    word = {"anterior_to": "anterior", "posterior_to": "posterior", "left_of": "to the patient's left",
            "right_of": "to the patient's right"}[rel]
    fwd = {"anterior_to": "further forward than", "posterior_to": "further back than",
           "left_of": "further to the patient's left than", "right_of": "further to the patient's right than"}[rel]
    return [f"The {other} can be seen {'posterior' if rel == 'anterior_to' else 'anterior' if rel == 'posterior_to' else 'to the patient`s ' + OPP[rel[:-3]]} to it."
            .replace("`", "'").replace("to the patient's left to it", "to the patient's left of it")
            .replace("to the patient's right to it", "to the patient's right of it"),
            f"It is positioned {word} {'to' if rel in ('anterior_to', 'posterior_to') else 'of'} the {other}.",
            f"{inv_lead} the {other}.", f"It is {fwd} the {other}."]


SIZE = {"small": ["It's tiny - a very small fraction of the image.", "Its size here is small.",
                  "Size: small.", "It looks rather slight on this image."],
        "medium": ["It is of average size on this slice.", "Size: medium.",
                   "It is intermediate in size here.", "It looks moderately sized."],
        "large": ["It appears substantial in size.", "Size: large.", "It is quite extensive on this slice.",
                  "The area it covers is large."]}


def percent(p: float, words: bool) -> list[str]:
    if words:
        n = round(p)
        spelled = {0: "less than one", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 8: "eight", 10: "ten",
                   12: "twelve", 15: "fifteen", 20: "twenty", 25: "twenty-five", 30: "thirty", 40: "forty"}
        k = min(spelled, key=lambda x: abs(x - n))
        return [f"It takes up about {spelled[k]} percent of the picture.",
                f"Roughly {spelled[k]} per cent of the image is covered by it."]
    return [f"Measuring about {p:.1f} percent of the total image area.", f"It occupies {p:.1f}% of the slice.",
            f"Coverage: {p:.2f}% of all pixels."]


def count(n: int, words: bool) -> list[str]:
    if n == 1:
        return ["It is one contiguous structure.", "It consists of a single component.",
                "It is continuous, without separate fragments.", "It comes as a single piece."]
    w = NUMWORD.get(n, str(n))
    return [f"The mask is made up of {w} separate blobs.", f"It is composed of {w} non-contiguous regions.",
            f"It shows as {w} distinct islands.", f"It comes in {w} pieces."]


def count_wrong(n: int) -> list[str]:
    if n == 1:
        return ["The mask is made up of two separate blobs.", "It is composed of three non-contiguous regions.",
                "It shows as two distinct islands.", "It comes in two pieces."]
    return ["It is one contiguous structure.", "It consists of a single component.",
            "It is continuous, without separate fragments.", "It comes as a single piece."]


QUESTIONS = ["Which {noun} in this scan {fn}? Kindly provide a segmentation.",
             "1) Identify the {noun} that {fn}. 2) Segment it.",
             "Certainly a tricky one: which {noun} {fn}? Please draw its mask.",
             "In words only, which {noun} {fn}? Then segment it."]
WRONG_SIDE_Q = ["Which {noun} on the {o} side of the abdomen {fn}? Segment it.",
                "Look at the {o}-sided {noun}: which one {fn}? Please segment it."]
WRONG_REL_Q = ["Which {noun}, lying {rel} the {other}, {fn}? Segment it."]
WRONG_SIZE_Q = ["Which {size} {noun} here {fn}? Please segment it."]
GIVEAWAY = {"liver": ["hepatic steatosis", "a cirrhotic liver", "hepatocellular carcinoma"],
            "spleen": ["a splenic laceration", "splenomegaly", "a ruptured spleen"],
            "left kidney": ["hydronephrosis", "a renal stone", "nephrectomy"],
            "right kidney": ["hydronephrosis", "a renal stone", "a nephrostomy tube"],
            "aorta": ["an aortic aneurysm", "AAA repair", "aortoiliac disease"],
            "pancreas": ["pancreatic adenocarcinoma", "acute pancreatitis", "a pancreatic pseudocyst"],
            "gallbladder": ["cholecystitis", "gallbladder wall thickening", "a cholecystectomy"],
            "stomach": ["a gastric ulcer", "gastroparesis", "a gastrostomy"],
            "inferior vena cava": ["IVC thrombosis", "a vena caval filter", "caval compression"],
            "liver lesion": ["liver metastases", "hepatic lesions", "a liver mass"],
            "kidney": ["renal cysts", "nephropathy", "renal failure"],
            "kidney cyst": ["a simple renal cyst", "a cystic lesion", "renal cysts"]}
TRAPS = ["In about 20% of people there is an accessory spleen.", "Small stones can block nearby ducts.",
         "Patients with a large spleen may feel early satiety.", "Pain from this region is often referred to the "
         "right shoulder.", "The right kidney usually sits lower than the left one."]
LEADS = {"note": "Impression: {name} {seg}.", "exam": "1. Identity: the {name} {seg}.",
         "verbose": "Certainly! The structure you're referring to is the {name} {seg}.",
         "words": "That would be the {name} {seg}."}
FOLLOW = ["Could you say more about where it is?", "What else can you tell me?", "How does it look here?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    """(turns, expected) of one bank-C conversation with at most one planted defect."""
    s = p["side"]
    words = style == "words"
    other, rel = rng.choice(p["rels"])
    if s in OPP:
        side = rng.choice(side_true(s, OPP[s]))
    else:
        side = rng.choice(MIDLINE_TRUE if s == "midline" else BILAT_TRUE)
    pct = facts["area_fraction"] * 100
    parts = {"side": side, "vertical": rng.choice(VERT[p["vert"]]), "relation": rng.choice(relation(other, rel)),
             "size": rng.choice(SIZE[p["size"]] + percent(pct, words)), "count": rng.choice(count(p["comps"], words))}
    extras = list(p["other_kb"]) + TRAPS
    if s in OPP:
        extras.append(rng.choice(neg_true(s, OPP[s])))
    q = rng.choice(QUESTIONS).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = rng.choice([f"A patient with {g}: which structure is affected? Please segment it."
                        for g in GIVEAWAY[p["target"]]])
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_SIDE_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        elif s in OPP:
            parts["side"] = rng.choice(side_true(OPP[s], s) + neg_false(s))
        else:
            parts["side"] = rng.choice(MIDLINE_WRONG if s == "midline" else BILAT_WRONG)
    elif defect == "position":
        r = rng.random()
        if r < 0.25:
            q = rng.choice(WRONG_REL_Q).format(noun=p["noun"], fn=p["fn"], other=other,
                                               rel={"anterior_to": "in front of", "posterior_to": "behind",
                                                    "left_of": "to the patient's left of",
                                                    "right_of": "to the patient's right of"}[FLIP[rel]])
        elif r < 0.6:
            parts["relation"] = rng.choice(relation(other, FLIP[rel]))
        else:
            parts["vertical"] = rng.choice(VERT["anterior" if p["vert"] == "posterior" else "posterior"])
    elif defect == "size":
        wrong = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[p["size"]]
        if rng.random() < 0.25:
            q = rng.choice(WRONG_SIZE_Q).format(size={"small": "tiny", "large": "huge"}[wrong], noun=p["noun"],
                                                fn=p["fn"])
        else:
            wrong_pct = {"small": 30.0, "large": 0.4, "medium": 0.2 if wrong == "small" else 40.0}[p["size"]]
            parts["size"] = rng.choice(SIZE[wrong] + percent(wrong_pct, words))
    elif defect == "count":
        parts["count"] = rng.choice(count_wrong(p["comps"]))
    order = list(parts)
    rng.shuffle(order)
    lead = LEADS[style].format(name=p["target"], seg="[SEG]")
    if style == "exam":
        body = lead + "\n" + "\n".join(f"{i + 2}. {parts[k]}" for i, k in enumerate(order))
    else:
        body = lead + " " + " ".join(parts[k] for k in order)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)},
             {"role": "assistant", "content": " ".join(rng.sample(extras, k=2))}]
    return turns, expected
