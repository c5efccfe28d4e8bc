"""Phrase bank S of the QC corpus: a nineteenth voice, written blind by helper `qc4` AFTER its last QC rule
change (commit 61f212e, made after reading bank R), measured once and never read: the round's headline.

One persona, a teaching-material author, in three surface forms:
- `faq`: bold question headings, each followed by a short answer ("**Where is it?** On the patient's
  right, toward the front."), including yes/no answers that carry the claim ("**Is it one piece?** No,
  it is in two pieces.");
- `slides`: presentation slide text ("Slide 2 - Location", bullets with "•");
- `caption`: figure captions ("Figure 1. Axial CT: the spleen (mask) lies on the patient's left ...").

One false claim per defective conversation (side, a bilateral mask on one side only, depth, relations,
size, count, claims in the first question, the first question naming the target). Clean traps: figure
and slide numbers, arrowheads, window settings, the display convention, knowledge about other
structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
REL = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_phrase(s: str) -> str:
    return {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
            "bilateral": "on both sides of the spine"}[s]


def wrong_side_phrase(s: str, rng: random.Random) -> str:
    if s in OPP:
        return side_phrase(OPP[s])
    one = rng.choice(["left", "right"])
    return f"on the patient's {one} side only" if s == "bilateral" else f"well to the patient's {one} of the midline"


def vert_phrase(v: str) -> str:
    return "toward the front of the abdomen" if v == "anterior" else "toward the back of the abdomen"


def size_phrase(sz: str, frac: float, rng: random.Random) -> str:
    p = frac * 100
    return rng.choice([{"small": "small", "medium": "medium-sized", "large": "large"}[sz],
                       f"about {p:.1f}% of the image"])


def wrong_size_phrase(sz: str, rng: random.Random) -> str:
    if sz == "large":
        return rng.choice(["small", "tiny", "about 0.2% of the image"])
    return rng.choice(["large", "very large", "about 40% of the image"])


def count_phrase(n: int) -> str:
    return "a single piece" if n == 1 else f"{NUMW[n]} separate pieces"


def line(style: str, topic: str, phrase: str, rng: random.Random, yes_no: str | None = None) -> str:
    """One fact in the style; `yes_no` renders a count as a yes/no question with its answer."""
    if style == "faq":
        if yes_no:
            return yes_no
        q = {"side": "Which side is it on?", "depth": "Front or back?", "relation": "What are its neighbours?",
             "size": "How big is it?", "count": "How many pieces?"}[topic]
        return f"**{q}** It is {phrase}."
    if style == "slides":
        head = {"side": "Location", "depth": "Depth", "relation": "Neighbours", "size": "Size", "count": "Pieces"}[topic]
        return f"Slide {rng.randint(2, 9)} - {head}\n\u2022 It is {phrase}."
    n = rng.randint(1, 6)
    return f"Figure {n}. Axial CT: the mask is {phrase} (arrowhead)."


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    frac = facts["area_fraction"]
    count_yes_no = None
    if style == "faq" and rng.random() < 0.5:
        count_yes_no = ("**Is it one piece?** Yes, it is a single piece." if p["comps"] == 1 else
                        f"**Is it one piece?** No, it is in {NUMW[p['comps']]} separate pieces.")
    parts = {"side": line(style, "side", side_phrase(s), rng), "depth": line(style, "depth", vert_phrase(p["vert"]), rng),
             "relation": line(style, "relation", f"{REL[r]} the {other}", rng),
             "size": line(style, "size", size_phrase(p["size"], frac, rng), rng),
             "count": line(style, "count", count_phrase(p["comps"]), rng, count_yes_no)}
    q = rng.choice(["Which {noun} {fn}? Please segment it for the teaching file.",
                    "For my slides: which {noun} {fn}? Segment it, please.",
                    "Write a caption and segment it: which {noun} {fn}?"]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    key = bad = None
    if defect == "names_target":
        name = {"liver lesion": "the liver lesions", "kidney cyst": "the kidney cyst", "kidney": "the kidneys",
                "inferior vena cava": "the IVC"}.get(p["target"], f"the {p['target']}")
        q = f"For a lecture on {name}: which {p['noun']} is shown here? Please segment it."
    elif defect and rng.random() < 0.2:
        where = {"laterality": lambda: wrong_side_phrase(s, rng),
                 "position": lambda: "{} the {}".format(REL[FLIP[rng.choice(p['rels'])[1]]], rng.choice(p['rels'])[0]),
                 "size": lambda: "very large" if p["size"] != "large" else "tiny",
                 "count": lambda: count_phrase(2 if p["comps"] == 1 else 1)}[defect]()
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"lying {REL[FLIP[r2]]} the {o2}"
        elif defect == "size":
            where = f"that looks {where} here"
        elif defect == "count":
            where = f"seen as {where}"
        else:
            where = f"lying {where}"
        q = f"Which {p['noun']} {where} {p['fn']}? Please segment it for the teaching file."
    elif defect == "laterality":
        key, bad = "side", line(style, "side", wrong_side_phrase(s, rng), rng)
    elif defect == "position":
        if rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", line(style, "relation", f"{REL[FLIP[r2]]} the {o2}", rng)
        else:
            key, bad = "depth", line(style, "depth", vert_phrase("posterior" if p["vert"] == "anterior" else "anterior"), rng)
    elif defect == "size":
        key, bad = "size", line(style, "size", wrong_size_phrase(p["size"], rng), rng)
    elif defect == "count":
        wrong = 2 if p["comps"] == 1 else 1
        yn = None
        if style == "faq" and rng.random() < 0.5:
            yn = ("**Is it one piece?** No, it is in two separate pieces." if p["comps"] == 1 else
                  "**Is it one piece?** Yes, it is a single piece.")
        key, bad = "count", line(style, "count", count_phrase(wrong), rng, yn)
    t = list(p["other_kb"]) + ["Window: soft tissue (W 400, L 40).", "The arrowhead points to the structure.",
                               "On screen, the patient's right appears on the viewer's left.",
                               "Slide 1 - Title: Abdominal anatomy on CT"]
    in_first = rng.random() < 0.7
    if bad and in_first:
        parts[key] = bad
    items = list(parts.values())
    rng.shuffle(items)
    if not (bad and in_first):
        items = items[: rng.randint(3, 5)]
    items.insert(rng.randrange(len(items) + 1), rng.choice(t))
    lead = {"faq": "**What is it?** It is the {name} {seg}.", "slides": "Slide 1 - Answer\n\u2022 The {name} {seg}.",
            "caption": "Figure 1. Axial CT: the {name} is outlined {seg}."}[style].format(name=p["target"], seg=SEG)
    first = lead + "\n" + "\n".join(items)
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(["Can you add one more teaching point?", "Anything else for the slides?",
                                                     "What else belongs in the caption?"])},
             {"role": "assistant", "content": "\n".join(second)}]
    return turns, expected
