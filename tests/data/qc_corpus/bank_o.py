"""Phrase bank O of the QC corpus: a fifteenth voice, written blind by helper `qc4` AFTER its last QC rule
change (commit 6998e68), measured once and never read.

One persona, a cautious clinical-reasoning model that thinks aloud, in three surface forms:
- `think`: a reasoning paragraph ("First, ... Then, ... So ...") with hedges and self-corrections
  ("my first instinct was X, but on reflection it is Y");
- `formal`: long academic sentences ("With respect to laterality, the segmented structure is situated
  within ...", "it should be noted that ...");
- `roman`: a rationale numbered with roman numerals ("(i) identity: ...; (ii) laterality: ...").

Defects (one false, plainly asserted claim per defective conversation): side (a bilateral mask said to
be confined to one side, a midline one said to be off to one side), vertical position and relations
(also inverted: "the aorta lies behind it"), size (class words, percent in words and digits, fractions,
"larger than anything else in view"), count ("two discrete islands" for one region, "a single
contiguous component" for two or three), claims inside the first question, and the first question
naming the target. Clean traps: retracted first guesses, the display convention, knowledge sentences
about other structures, generic sizes in centimetres, roman numerals, counts of series and readers,
true comparisons with other organs, denied other sides. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
WORD = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
        11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
        18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two", 23: "twenty-three",
        24: "twenty-four", 25: "twenty-five", 26: "twenty-six", 30: "thirty", 35: "thirty-five", 40: "forty"}
SEG = "[SEG]"
REL = {"think": {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
                 "right_of": "to the patient's right of"},
       "formal": {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "on the patient's left relative to",
                  "right_of": "on the patient's right relative to"},
       "roman": {"anterior_to": "ventral to", "posterior_to": "dorsal to", "left_of": "left of", "right_of": "right of"}}
INV = {"anterior_to": "behind it", "posterior_to": "in front of it", "left_of": "on its right", "right_of": "on its left"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    """Some bilateral and multi-region masks for side and count defects and for clean rows."""
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_says(s: str, style: str, rng: random.Random) -> str:
    where = {"left": "the patient's left", "right": "the patient's right"}
    if style == "think":
        if s in OPP:
            return rng.choice([f"So, taking the orientation into account, it has to be on {where[s]}.",
                               f"Then the side: it sits on {where[s]}."])
        return {"midline": "Then the side: it sits centrally, right over the spine.",
                "bilateral": "Then the side: there is a part on each side of the spine, left and right."}[s]
    if style == "formal":
        if s in OPP:
            return f"With respect to laterality, the segmented structure is situated within the patient's {s} hemiabdomen."
        return {"midline": "With respect to laterality, the segmented structure occupies the midline.",
                "bilateral": "With respect to laterality, the segmentation is bilateral, with one component on either side."}[s]
    return {"left": "(ii) laterality: patient's left", "right": "(ii) laterality: patient's right",
            "midline": "(ii) laterality: midline", "bilateral": "(ii) laterality: bilateral"}[s]


def wrong_side(s: str, style: str, rng: random.Random) -> str:
    if s in OPP:
        return side_says(OPP[s], style, rng)
    one = rng.choice(["left", "right"])
    if s == "bilateral":
        return {"think": f"Then the side: only the {one}-hand one is outlined here.",
                "formal": f"With respect to laterality, the segmentation is confined to the {one} hemiabdomen.",
                "roman": f"(ii) laterality: {one} only"}[style]
    return {"think": f"Then the side: it sits well off to the patient's {one}.",
            "formal": f"With respect to laterality, the segmented structure is situated within the patient's {one} hemiabdomen.",
            "roman": f"(ii) laterality: patient's {one}, clearly off the midline"}[style]


def vert_says(v: str, style: str) -> str:
    front = v == "anterior"
    if style == "think":
        return "It is also fairly close to the anterior abdominal wall." if front else \
            "It is also tucked in toward the back, in the posterior abdomen."
    if style == "formal":
        return f"In the anteroposterior axis, it should be noted that it occupies the {v} portion of the abdomen."
    return f"(iii) depth: {'ventral' if front else 'dorsal'}"


def rel_says(other: str, r: str, style: str, rng: random.Random) -> str:
    if style == "think" and rng.random() < 0.5:
        return f"The {other}, for its part, lies {INV[r]}."
    w = REL[style][r]
    return {"think": f"Next, I checked the neighbours: it lies {w} the {other}.",
            "formal": f"Regarding its neighbours, it is located {w} the {other}.",
            "roman": f"(vi) relation: {w} the {other}"}[style]


def pct_words(p: float) -> str:
    if p < 1:
        return rng_free_small(p)
    r = round(p)
    return f"about {WORD.get(r, str(r))} percent"


def rng_free_small(p: float) -> str:
    return "well under one percent" if p < 0.6 else "just under one percent"


def size_says(sz: str, frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    if rng.random() < 0.5:
        amount = rng.choice([pct_words(p), f"approximately {p:.1f}%"])
        return {"think": f"As for its extent, I estimate it covers {amount} of the image.",
                "formal": f"Its cross-sectional area amounts to {amount} of the field of view.",
                "roman": f"(iv) extent: {amount} of the image"}[style]
    w = {"small": "small", "medium": "of moderate size", "large": "large"}[sz]
    return {"think": f"As for its extent, it looks {w} on this slice.",
            "formal": f"In terms of size, the structure appears {w} on this section.",
            "roman": f"(iv) size: {w}"}[style]


def wrong_size(p: dict, frac: float, style: str, rng: random.Random) -> str:
    sz = p["size"]
    if sz == "large":
        opts = [("word", "minute, only a few dozen pixels"), ("pct", "less than half a percent"),
                ("pct", "approximately 0.2%"), ("word", "quite small")]
    elif sz == "small":
        opts = [("word", "sizeable"), ("pct", "roughly one-third"), ("pct", "about thirty percent"),
                ("cmp", "larger than any other structure in view"), ("word", "large")]
    else:
        opts = [("pct", "roughly forty percent"), ("pct", "approximately 0.05%"), ("word", "very large"),
                ("cmp", "larger than any other structure in view")]
    kind, w = rng.choice(opts)
    if kind == "pct":
        return {"think": f"As for its extent, I estimate it covers {w} of the image.",
                "formal": f"Its cross-sectional area amounts to {w} of the field of view.",
                "roman": f"(iv) extent: {w} of the image"}[style]
    if kind == "cmp":
        return {"think": f"As for its extent, it is {w}.", "formal": f"In terms of size, it is {w}.",
                "roman": f"(iv) size: {w}"}[style]
    return {"think": f"As for its extent, it looks {w} on this slice.",
            "formal": f"In terms of size, the structure appears {w} on this section.",
            "roman": f"(iv) size: {w}"}[style]


def count_says(n: int, style: str) -> str:
    if n == 1:
        return {"think": "Finally, I counted the pieces: it is one contiguous region.",
                "formal": "The segmentation is composed of a single contiguous component.",
                "roman": "(v) components: 1"}[style]
    return {"think": f"Finally, I counted the pieces: there are {WORD[n]} separate regions.",
            "formal": f"The segmentation is composed of {WORD[n]} discrete components.",
            "roman": f"(v) components: {n}"}[style]


def wrong_count(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        return rng.choice([{"think": "Finally, I counted the pieces: it falls apart into two discrete islands.",
                            "formal": "The segmentation is composed of two discrete components.",
                            "roman": "(v) components: 2"}[style],
                           {"think": "Finally, I counted the pieces: it consists of multiple disjoint fragments.",
                            "formal": "The segmentation is composed of several disjoint fragments.",
                            "roman": "(v) components: several, disjoint"}[style]])
    return rng.choice([count_says(1, style),
                       {"think": "Finally, I counted the pieces: it is a solitary connected region.",
                        "formal": "The segmentation forms one uninterrupted region.",
                        "roman": "(v) components: a single one"}[style]])


def traps(p: dict, style: str) -> list[str]:
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    out += ["Bear in mind that, by radiological convention, the viewer's left corresponds to the patient's right.",
            "I reviewed all 3 series before settling on this.",
            "In adults, structures like this typically measure several centimetres."]
    if s in OPP:
        o = OPP[s]
        out += [f"My first instinct was the {o} side, but on reflection it lies on the {s}.",
                f"There is no extension across the midline to the {o} side.",
                f"(vii) pertinent negative: nothing on the patient's {o}"]
    if p["size"] == "small" and "liver" not in tgt:
        out += ["It is considerably smaller than the liver, as expected."]
    if p["comps"] == 1:
        out += ["Two readers agreed on the outline.", "It is not fragmented."]
    else:
        out += [f"Initially I suspected a single blob, but there are in fact {WORD[p['comps']]} of them."]
    return out


Q = {"think": ["Think it through step by step: which {noun} {fn}? Then segment it.",
               "Reason carefully and tell me which {noun} {fn}; please segment it."],
     "formal": ["Kindly identify, and subsequently segment, the {noun} that {fn}.",
                "Which {noun} {fn}? A formal description and a segmentation are requested."],
     "roman": ["Which {noun} {fn}? Give a numbered rationale and segment it.",
               "Identify the {noun} that {fn} and segment it, with a numbered rationale."]}
LEAD = {"think": "Let me think. The clue points to the {name}, so that is what I segmented {seg}.",
        "formal": "The structure in question is the {name} {seg}.",
        "roman": "(i) identity: the {name} {seg}"}
FOLLOW = ["Could you add anything else that matters for this case?", "Is there anything further worth mentioning here?",
          "What else should a trainee notice on this image?"]
GIVE = {"liver": "hepatic steatosis", "spleen": "splenic rupture", "left kidney": "a left renal mass",
        "right kidney": "right hydronephrosis", "aorta": "an aortic aneurysm", "pancreas": "pancreatic necrosis",
        "gallbladder": "gallbladder wall thickening", "stomach": "gastric outlet obstruction",
        "inferior vena cava": "an IVC thrombus", "liver lesion": "multiple liver lesions",
        "kidney": "polycystic kidneys", "kidney cyst": "a simple renal cyst"}


def wrong_question(defect: str, p: dict, style: str, rng: random.Random) -> str:
    s = p["side"]
    if defect == "laterality":
        where = (f"situated on the patient's {OPP[s]}" if s in OPP else
                 "confined to the left side" if s == "bilateral" else "situated on the patient's right")
    elif defect == "position":
        other, r = rng.choice(p["rels"])
        where = f"lying {REL['formal'][FLIP[r]]} the {other}"
    elif defect == "size":
        where = "which appears very large here" if p["size"] != "large" else "which appears tiny here"
    else:
        where = "seen here as two separate islands" if p["comps"] == 1 else "seen here as one single connected piece"
    return f"Which {p['noun']}, {where}, {p['fn']}? Please segment it."


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_says(s, style, rng), "vertical": vert_says(p["vert"], style),
             "relation": rel_says(other, r, style, rng), "size": size_says(p["size"], facts["area_fraction"], style, rng),
             "count": count_says(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    bad = key = None
    if defect == "names_target":
        q = f"The referral mentions {GIVE[p['target']]}. Which {p['noun']} should be examined? Please segment it."
    elif defect and rng.random() < 0.2:
        q = wrong_question(defect, p, style, rng)
    elif defect == "laterality":
        key, bad = "side", wrong_side(s, style, rng)
    elif defect == "position":
        if rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", rel_says(o2, FLIP[r2], style, rng)
        else:
            key, bad = "vertical", vert_says("posterior" if p["vert"] == "anterior" else "anterior", style)
    elif defect == "size":
        key, bad = "size", wrong_size(p, facts["area_fraction"], style, rng)
    elif defect == "count":
        key, bad = "count", wrong_count(p["comps"], style, rng)
    t = traps(p, style)
    in_first = rng.random() < 0.7
    if bad and in_first:
        parts[key] = bad
    order = ["side", "vertical", "relation", "size", "count"] if style != "think" else \
        rng.sample(["side", "vertical", "relation", "size", "count"], k=5)
    items = [parts[k] for k in order]
    if not (bad and in_first):
        items = items[: rng.randint(3, 5)]
    items.insert(rng.randrange(len(items) + 1), rng.choice(t))
    lead = LEAD[style].format(name=p["target"], seg=SEG)
    sep = "\n" if style == "roman" else " "
    first = lead + sep + sep.join(items)
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    body = ("On reflection, a few more points. " if style == "think" else "") + sep.join(second)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": body}]
    return turns, expected
