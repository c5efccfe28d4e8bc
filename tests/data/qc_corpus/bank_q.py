"""Phrase bank Q of the QC corpus: a seventeenth voice, written blind by helper `qc4` AFTER its last QC rule
change (commit a8d305b, made after reading bank P), measured once and never read: the round's headline.

One persona, a friendly explainer for children, in three surface forms:
- `story`: a short story paragraph ("Our organ lives on the body's right ...");
- `kidqa`: a child asks, the explainer answers, inside the answer ("Kid: Is it big? Me: ...");
- `funfacts`: an exclamation-heavy list of fun facts with emoji.

Sizes are said with kid words ("teeny-tiny", "a giant"), dots in every hundred, and pieces of a puzzle;
sides as "the body's left"; depth as "the tummy side" and "near the backbone". Defects: one false,
plainly asserted claim per defective conversation (side, a bilateral mask said to be on one side only,
depth, relations, size, count, claims inside the first question, the first question naming the target).
Clean traps: a mirror analogy for the display, generic facts about people, conditionals ("if you were a
giraffe"), other organs, slices of bread. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two",
        23: "twenty-three", 24: "twenty-four", 25: "twenty-five", 26: "twenty-six"}
SEG = "[SEG]"


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def frame(style: str, text: str, ask: str) -> str:
    return {"story": text, "kidqa": f"Kid: {ask} Me: {text}", "funfacts": f"\u2b50 {text}"}[style]


def side_text(s: str, style: str) -> str:
    t = {"left": "It lives on the body's left side.", "right": "It lives on the body's right side.",
         "midline": "It lives right in the middle of the body, in front of the backbone.",
         "bilateral": "There is a piece on the body's left side and a piece on the body's right side."}[s]
    return frame(style, t, "Which side is it on?")


def wrong_side(s: str, style: str, rng: random.Random) -> str:
    if s in OPP:
        return side_text(OPP[s], style)
    one = rng.choice(["left", "right"])
    t = (f"It's only on the body's {one} side, not the other one." if s == "bilateral" else
         f"It hides way over on the body's {one} side, far from the middle.")
    return frame(style, t, "Which side is it on?")


def vert_text(v: str, style: str) -> str:
    t = ("It sits close to the tummy side, near the front of the body." if v == "anterior" else
         "It sits close to the back, near the backbone.")
    return frame(style, t, "Is it near my tummy or my back?")


def rel_text(other: str, r: str, style: str) -> str:
    t = {"anterior_to": f"It sits in front of the {other}.", "posterior_to": f"It's snuggled behind the {other}.",
         "left_of": f"The {other} is on its right.", "right_of": f"The {other} is on its left."}[r]
    return frame(style, t, f"Where is it next to the {other}?")


def size_text(sz: str, frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    if rng.random() < 0.5:
        if p < 1:
            t = "It takes up less than one dot out of every hundred in the picture."
        else:
            t = f"It takes up about {NUMW[round(p)]} out of every hundred dots in the picture."
    else:
        t = {"small": "It's a little one in this picture.", "medium": "It's a middle-sized one in this picture.",
             "large": "It's a big one in this picture."}[sz]
    return frame(style, t, "Is it big?")


def wrong_size(sz: str, style: str, rng: random.Random) -> str:
    if sz == "large":
        t = rng.choice(["It's teeny-tiny in this picture.", "It's one of the littlest things in this picture.",
                        "It takes up only a few dots of the picture."])
    else:
        t = rng.choice(["It's huge: it fills about half of the picture!", "It's the biggest thing in the picture.",
                        "It's a giant in this picture."])
    return frame(style, t, "Is it big?")


def count_text(n: int, style: str) -> str:
    t = ("It's all in one piece, like a single puzzle piece." if n == 1 else
         f"It comes in {NUMW[n]} separate pieces.")
    return frame(style, t, "How many pieces is it in?")


def wrong_count(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        t = rng.choice(["It's split into two pieces, like a broken cookie.", "It comes in two separate pieces."])
    else:
        t = rng.choice(["It's all one piece, joined together.", "It's all in one piece, like a single puzzle piece."])
    return frame(style, t, "How many pieces is it in?")


def traps(p: dict, style: str) -> list[str]:
    out = list(p["other_kb"])
    out += ["Doctors' pictures are like a mirror: the body's right shows up on the left of the screen.",
            "If you were a giraffe, everything here would be much bigger!",
            "This picture is one slice, like one slice of bread from a whole loaf.",
            "Your heart is up above, in the chest."]
    if p["side"] in OPP:
        out += [f"It doesn't go over to the body's {OPP[p['side']]} side at all."]
    if p["comps"] == 1:
        out += ["A puzzle has lots of pieces, but this one comes in just one."]
    else:
        out += [f"The {NUMW[p['comps']]} pieces look a bit like freckles."]
    return [frame(style, t, "Tell me more!") if style == "funfacts" else t for t in out]


Q = {"story": ["Tell me a story about this picture: which {noun} {fn}? Can you color it in?",
               "Can you find the {noun} that {fn} and color it in for me?"],
     "kidqa": ["I'm nine! Which {noun} {fn}? Please color it in on the picture.",
               "My teacher asked which {noun} {fn}. Can you show me and color it in?"],
     "funfacts": ["Fun facts please! Which {noun} {fn}? Color it in!",
                  "Which {noun} {fn}? Color it in and tell me fun facts about it."]}
GIVE = {"liver": "a sick liver", "spleen": "a hurt spleen", "left kidney": "a kidney stone on the left",
        "right kidney": "a kidney stone on the right", "aorta": "a problem with the aorta",
        "pancreas": "a sore pancreas", "gallbladder": "gallbladder stones", "stomach": "a stomach ache that won't stop",
        "inferior vena cava": "a clot in the vena cava", "liver lesion": "liver lesions",
        "kidney": "weak kidneys", "kidney cyst": "a kidney cyst"}
LEAD = {"story": "Once upon a time there was a {name}, and here it is {seg}.",
        "kidqa": "Kid: What is it? Me: It's the {name} {seg}!",
        "funfacts": "\U0001f389 It's the {name} {seg}!"}
FOLLOW = ["Can you tell me one more thing about it?", "What else is cool about this picture?",
          "Is there anything else I should know?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style), "vertical": vert_text(p["vert"], style), "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, rng), "count": count_text(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    key = bad = None
    if defect == "names_target":
        q = f"My grandma has {GIVE[p['target']]}. Which {p['noun']} is that about? Can you color it in?"
    elif defect and rng.random() < 0.2:
        if defect == "laterality":
            where = (f"on the body's {OPP[s]} side" if s in OPP else
                     "that is only on the body's left side" if s == "bilateral" else "far over on the body's right side")
        elif defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = {"anterior_to": f"in front of the {o2}", "posterior_to": f"behind the {o2}",
                     "left_of": f"on the body's left of the {o2}", "right_of": f"on the body's right of the {o2}"}[FLIP[r2]]
        elif defect == "size":
            where = "that is super huge here" if p["size"] != "large" else "that is teeny-tiny here"
        else:
            where = "that comes in two pieces here" if p["comps"] == 1 else "that is all one piece here"
        q = f"Which {p['noun']} {where} {p['fn']}? Can you color it in?"
    elif defect == "laterality":
        key, bad = "side", wrong_side(s, style, rng)
    elif defect == "position":
        if rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", rel_text(o2, FLIP[r2], style)
        else:
            key, bad = "vertical", vert_text("posterior" if p["vert"] == "anterior" else "anterior", style)
    elif defect == "size":
        key, bad = "size", wrong_size(p["size"], style, rng)
    elif defect == "count":
        key, bad = "count", wrong_count(p["comps"], style, rng)
    t = traps(p, style)
    in_first = rng.random() < 0.7
    if bad and in_first:
        parts[key] = bad
    items = list(parts.values())
    rng.shuffle(items)
    if not (bad and in_first):
        items = items[: rng.randint(3, 5)]
    items.insert(rng.randrange(len(items) + 1), rng.choice(t))
    sep = " " if style == "story" else "\n"
    first = LEAD[style].format(name=p["target"], seg=SEG) + sep + sep.join(items)
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": sep.join(second)}]
    return turns, expected
