"""Phrase bank T of the QC corpus: a twentieth voice, written blind by helper `qc4` after its last QC rule
change (61f212e) and after bank S, with no rule change in between: a second measure of the final rules.

One persona, a coach talking to a trainee in the second person, in three surface forms:
- `coach`: "You'll notice it sits ...", "As you can see, ...", "You should find it ...";
- `checklist`: tick-box lines ("[x] Side checked: patient's left");
- `contrast`: each fact set against a common mistake ("Trainees often put it on the left; here it is on
  the right.").

One false, plainly asserted claim per defective conversation (side, a bilateral mask on one side only,
depth, relations, size, count, claims in the first question, the first question naming the target).
Clean traps: common mistakes stated as generic habits, "you can see", the display convention, tick
boxes and counts of steps, knowledge about other structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
REL = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


SIDE = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
        "bilateral": "on both the left and the right"}
MISTAKE = {"side": "Trainees often put it {bad}; here it is {good}.",
           "depth": "People often expect it {bad}; here it is {good}.",
           "size": "Beginners often call it {bad}; here it is {good}.",
           "count": "Many trainees count {bad}; here it is {good}.",
           "relation": "A common slip is to place it {bad}; here it is {good}."}


def say(style: str, topic: str, good: str, bad: str | None, rng: random.Random) -> str:
    if style == "coach":
        return rng.choice([f"You'll notice it is {good}.", f"As you can see, it is {good}.",
                           f"You should find it {good}."])
    if style == "checklist":
        label = {"side": "Side", "depth": "Depth", "size": "Size", "count": "Pieces", "relation": "Neighbour"}[topic]
        return f"[x] {label} checked: {good}"
    if bad:
        return MISTAKE[topic].format(bad=bad, good=good)
    return f"Here it is {good}."


def sizes(sz: str, frac: float, rng: random.Random, wrong: bool) -> str:
    if wrong:
        return rng.choice(["tiny", "about 0.2% of the image"]) if sz == "large" else \
            rng.choice(["large", "about 35% of the image"])
    return rng.choice([{"small": "small", "medium": "medium-sized", "large": "large"}[sz],
                       f"about {frac * 100:.1f}% of the image"])


def counts(n: int, wrong: bool) -> str:
    if wrong:
        n = 2 if n == 1 else 1
    return "one connected piece" if n == 1 else f"{NUMW[n]} separate pieces"


def depth(v: str, wrong: bool) -> str:
    if wrong:
        v = "posterior" if v == "anterior" else "anterior"
    return "toward the front of the body" if v == "anterior" else "toward the back of the body"


def wrong_side(s: str, rng: random.Random) -> str:
    if s in OPP:
        return SIDE[OPP[s]]
    one = rng.choice(["left", "right"])
    return f"on the patient's {one} only" if s == "bilateral" else f"well over on the patient's {one}"


GIVE = {"liver": "liver enzymes", "spleen": "a splenic cyst", "left kidney": "a left kidney stone",
        "right kidney": "a right kidney stone", "aorta": "aortic calcification", "pancreas": "a pancreatic duct stone",
        "gallbladder": "a gallbladder polyp", "stomach": "stomach wall thickening", "inferior vena cava": "an IVC filter",
        "liver lesion": "liver lesions", "kidney": "kidney stones", "kidney cyst": "a kidney cyst"}


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    frac = facts["area_fraction"]
    opp = SIDE[OPP[s]] if s in OPP else None
    parts = {"side": say(style, "side", SIDE[s], opp, rng),
             "depth": say(style, "depth", depth(p["vert"], False), depth(p["vert"], True), rng),
             "relation": say(style, "relation", f"{REL[r]} the {other}", f"{REL[FLIP[r]]} the {other}", rng),
             "size": say(style, "size", sizes(p["size"], frac, rng, False), sizes(p["size"], frac, rng, True), rng),
             "count": say(style, "count", counts(p["comps"], False), counts(p["comps"], True), rng)}
    q = rng.choice(["Coach me through this one: which {noun} {fn}? Segment it.",
                    "Which {noun} {fn}? Segment it and tell me what to check.",
                    "Can you segment the {noun} that {fn} and walk me through it?"]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    key = bad = None
    if defect == "names_target":
        q = f"I'm studying {GIVE[p['target']]}. Which {p['noun']} should I look at here? Segment it."
    elif defect and rng.random() < 0.2:
        if defect == "laterality":
            where = wrong_side(s, rng)
        elif defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"{REL[FLIP[r2]]} the {o2}"
        elif defect == "size":
            where = "that looks large" if p["size"] != "large" else "that looks tiny"
        else:
            where = "seen as two separate pieces" if p["comps"] == 1 else "seen as one connected piece"
        q = f"Which {p['noun']} {where} {p['fn']}? Segment it and coach me."
    elif defect == "laterality":
        key, bad = "side", say(style, "side", wrong_side(s, rng), None, rng)
    elif defect == "position":
        if rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", say(style, "relation", f"{REL[FLIP[r2]]} the {o2}", None, rng)
        else:
            key, bad = "depth", say(style, "depth", depth(p["vert"], True), None, rng)
    elif defect == "size":
        key, bad = "size", say(style, "size", sizes(p["size"], frac, rng, True), None, rng)
    elif defect == "count":
        key, bad = "count", say(style, "count", counts(p["comps"], True), None, rng)
    t = list(p["other_kb"]) + ["Remember the screen shows the patient's right on your left.",
                               "That makes three things to check before you submit.",
                               "[x] Window and level adjusted", "You can always scroll to the next slice to confirm."]
    in_first = rng.random() < 0.7
    if bad and in_first:
        parts[key] = bad
    items = list(parts.values())
    rng.shuffle(items)
    if not (bad and in_first):
        items = items[: rng.randint(3, 5)]
    items.insert(rng.randrange(len(items) + 1), rng.choice(t))
    lead = {"coach": "Good start. This is the {name} {seg}.", "checklist": "[x] Structure identified: the {name} {seg}",
            "contrast": "This is the {name} {seg}, and it is often misread."}[style].format(name=p["target"], seg=SEG)
    sep = "\n" if style == "checklist" else " "
    first = lead + sep + sep.join(items)
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(["What else should I check on this image?",
                                                     "Any final tips before I move on?"])},
             {"role": "assistant", "content": sep.join(second)}]
    return turns, expected
