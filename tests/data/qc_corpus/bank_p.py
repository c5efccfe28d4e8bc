"""Phrase bank P of the QC corpus: a sixteenth voice, written blind by helper `qc4` AFTER its last QC rule
change (commit 47d0c32, made after reading bank O), measured once and never read: the round's headline.

One persona, a supervising radiologist giving feedback on a trainee's work, in three surface forms:
- `email`: a feedback note that quotes the trainee ("you wrote 'left-sided'") and corrects it;
- `rubric`: a marking rubric, one criterion per line ("Laterality - correct: patient's right");
- `viva`: an oral-exam transcript inside the answer (Examiner: ... Candidate: ...), where the examiner
  accepts or corrects the candidate's answers.

Defects (one false claim per defective conversation, asserted by the supervisor or examiner, or said by
the candidate and accepted): side (a bilateral mask called one-sided, a midline one called lateral),
vertical position and relations, size (words, percent, fractions), count, claims in the first question,
and the first question naming the target. Clean traps: the trainee's wrong words quoted and corrected,
a candidate's wrong answer corrected by the examiner, marks and attempt counts, the display convention,
knowledge about other structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUM = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
REL = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}
SIDE = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
        "bilateral": "on both sides, left and right"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def wrong_side_value(s: str, rng: random.Random) -> str:
    if s in OPP:
        return SIDE[OPP[s]]
    one = rng.choice(["left", "right"])
    return f"on the patient's {one} only" if s == "bilateral" else f"well over on the patient's {one}"


def size_value(sz: str, frac: float, rng: random.Random, wrong: bool) -> str:
    p = frac * 100
    if not wrong:
        return rng.choice([{"small": "small", "medium": "medium-sized", "large": "large"}[sz],
                           f"about {p:.1f}% of the image"])
    if sz == "large":
        return rng.choice(["small", "tiny", "about 0.3% of the image", "well under one percent of the image"])
    if sz == "small":
        return rng.choice(["large", "big", "about a quarter of the image", "roughly 30% of the image"])
    return rng.choice(["huge", "about half of the image", "about 0.1% of the image"])


def count_value(n: int, wrong: bool) -> str:
    if wrong:
        n = 2 if n == 1 else 1
    return "a single connected region" if n == 1 else f"{NUM[n]} separate regions"


def vert_value(v: str, wrong: bool) -> str:
    if wrong:
        v = "posterior" if v == "anterior" else "anterior"
    return "toward the front of the abdomen" if v == "anterior" else "toward the back, near the spine"


def say(style: str, topic: str, value: str, quoted: str | None, rng: random.Random) -> str:
    """One feedback line: the supervisor's own value for a topic; `quoted` is the trainee's wrong version."""
    if style == "email":
        if quoted:
            return f"On {topic}: you wrote \"{quoted}\", but it is {value}."
        return rng.choice([f"On {topic}: you got it right, it is {value}.", f"Your {topic} is fine: it is {value}."])
    if style == "rubric":
        if quoted:
            return f"{topic.capitalize()} - corrected: the draft said \"{quoted}\"; it is {value}."
        return f"{topic.capitalize()} - correct: it is {value}."
    if quoted:
        return f"Candidate: It is {quoted}. Examiner: No, look again. Candidate: Then it is {value}. Examiner: Yes."
    return f"Examiner: And its {topic}? Candidate: It is {value}. Examiner: Correct."


def other_side_quote(s: str) -> str | None:
    return SIDE[OPP[s]] if s in OPP else None


GIVE = {"liver": "a cirrhotic liver", "spleen": "an enlarged spleen", "left kidney": "left renal colic",
        "right kidney": "a right renal stone", "aorta": "an aortic dissection", "pancreas": "a pancreatic mass",
        "gallbladder": "gallbladder stones", "stomach": "a gastric ulcer", "inferior vena cava": "an IVC filter",
        "liver lesion": "liver metastases", "kidney": "chronic kidney disease", "kidney cyst": "a renal cyst"}
Q = {"email": ["Could you give feedback on my answer? Which {noun} {fn}? I segmented it.",
               "Please review my work: which {noun} {fn}? Segment it and correct me."],
     "rubric": ["Mark my attempt with your rubric: which {noun} {fn}? Please segment it.",
                "Which {noun} {fn}? Segment it and grade my draft criterion by criterion."],
     "viva": ["Run a short viva with me: which {noun} {fn}? Please segment it.",
              "Examine me on this: which {noun} {fn}? Segment it first."]}
LEAD = {"email": "Hi, thanks for sending this. The answer is the {name} {seg}.",
        "rubric": "Identification - correct: the {name} {seg}.",
        "viva": "Examiner: Which structure is it? Candidate: The {name} {seg}. Examiner: Correct."}
FOLLOW = ["How would you score the attempt overall?", "Any last advice before the exam?",
          "What should I remember next time?"]


def traps(p: dict, style: str) -> list[str]:
    out = list(p["other_kb"])
    out += ["You scored 4 out of 5 on this attempt.", "This was your second attempt at this case.",
            "Remember that the screen shows the patient's right on the viewer's left."]
    if p["side"] in OPP:
        out += [f"Good that you did not call it {SIDE[OPP[p['side']]]} this time."]
    if p["comps"] == 1:
        out += ["Last time you drew two separate blobs; this outline is much better."]
    return out


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    frac = facts["area_fraction"]
    wrong_q = defect in ("laterality", "position", "size", "count") and rng.random() < 0.2
    lines = {
        "side": say(style, "side", SIDE[s], other_side_quote(s) if rng.random() < 0.4 else None, rng),
        "depth": say(style, "depth", vert_value(p["vert"], False), None, rng),
        "relation": say(style, "relations", f"{REL[r]} the {other}",
                        f"{REL[FLIP[r]]} the {other}" if rng.random() < 0.25 else None, rng),
        "size": say(style, "size", size_value(p["size"], frac, rng, False),
                    size_value(p["size"], frac, rng, True) if rng.random() < 0.25 else None, rng),
        "count": say(style, "number of parts", count_value(p["comps"], False),
                     count_value(p["comps"], True) if rng.random() < 0.25 else None, rng),
    }
    expected = [defect] if defect else []
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    key = bad = None
    if defect == "names_target":
        q = f"My patient has {GIVE[p['target']]}. Which {p['noun']} did I need to segment? Please check my answer."
    elif wrong_q:
        if defect == "laterality":
            where = f"lying {wrong_side_value(s, rng)}"
        elif defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"lying {REL[FLIP[r2]]} the {o2}"
        elif defect == "size":
            where = f"covering {size_value(p['size'], frac, rng, True)}"
        else:
            where = f"made of {count_value(p['comps'], True)}"
        q = f"I think the answer is the {p['noun']} {where}. Which {p['noun']} {p['fn']}? Please check my segmentation."
    elif defect == "laterality":
        key, bad = "side", say(style, "side", wrong_side_value(s, rng), None, rng)
    elif defect == "position":
        if rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", say(style, "relations", f"{REL[FLIP[r2]]} the {o2}", None, rng)
        else:
            key, bad = "depth", say(style, "depth", vert_value(p["vert"], True), None, rng)
    elif defect == "size":
        key, bad = "size", say(style, "size", size_value(p["size"], frac, rng, True), None, rng)
    elif defect == "count":
        key, bad = "count", say(style, "number of parts", count_value(p["comps"], True), None, rng)
    t = traps(p, style)
    in_first = rng.random() < 0.7
    if bad and in_first:
        lines[key] = bad
    items = list(lines.values())
    rng.shuffle(items)
    if not (bad and in_first):
        items = items[: rng.randint(3, 5)]
    items.insert(rng.randrange(len(items) + 1), rng.choice(t))
    sep = "\n" if style in ("rubric", "viva") else " "
    first = LEAD[style].format(name=p["target"], seg=SEG) + sep + sep.join(items)
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": sep.join(second)}]
    return turns, expected
