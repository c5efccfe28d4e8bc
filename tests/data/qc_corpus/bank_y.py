"""Phrase bank Y of the QC corpus: a twenty-fifth voice, written by helper `qcw` AFTER its last QC rule change
(commit 608c343, after reading banks W and X), measured once and never read: the headline of that round.

Three registers no earlier bank used:
- `voice`: a speech-to-text transcript of a radiologist talking, lower case, fillers ("um", "uh", "so
  yeah"), self-repairs that settle on the true value ("on the left, sorry, the right"), few full stops;
- `mcq`: a multiple-choice quiz built from the image, each question with options (a)-(c) that name wrong
  sides, sizes and counts as distractors, then the marked answer with its text ("Answer: (b) the
  patient's right");
- `thread`: a social-media teaching thread ("1/5", "2/5", hashtags, emoji).

Defects (one false, plainly asserted claim per defective conversation): side (a bilateral mask called
one-sided, a midline one lateral), depth and relations, size (class words, percent, fractions), count,
the first question naming the target; about a fifth of the other defects sit in a user question.
Bilateral and multi-region masks are weighted up. Clean traps: distractor options, self-repairs that end
on the truth, thread numbering and hashtags, fillers, the display convention, knowledge about other
structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
WORD = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
REL = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}
FILL = ["um", "uh", "so yeah", "okay so", "right so"]


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.35:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.45 if defect else 0.25):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_words(s: str) -> str:
    return {"left": "the patient's left", "right": "the patient's right", "midline": "the midline",
            "bilateral": "both sides, left and right"}[s]


def wrong_side_words(s: str, rng: random.Random) -> str:
    if s in OPP:
        return side_words(OPP[s])
    one = rng.choice(["left", "right"])
    return f"the patient's {one} side only" if s == "bilateral" else f"well over on the patient's {one}"


def size_words(sz: str, frac: float, rng: random.Random, wrong: bool) -> str:
    pct = frac * 100
    if wrong:
        if sz == "large":
            return rng.choice(["tiny", "about half a percent of the image", "small"])
        return rng.choice(["huge", "about a third of the image", "big, like 35 percent of the image"])
    cls = {"small": "small", "medium": "medium-sized", "large": "big"}[sz]
    return rng.choice([cls, f"about {pct:.0f} percent of the image" if pct >= 1 else "under one percent of the image"])


def count_words(n: int) -> str:
    return "one piece" if n == 1 else f"{WORD[n]} separate pieces"


def voice(name, items, traps, rng, p):
    f = lambda: rng.choice(FILL)  # noqa: E731
    out = [f"{f()} this is the {name} {SEG}"]
    if items["side"]:
        s = p["side"]
        if s in OPP and rng.random() < 0.3 and items["side"] == side_words(s):
            out.append(f"it's on the {OPP[s]}, sorry, I mean the {s}")  # self-repair ending on the truth
        else:
            out.append(f"it's on {items['side']}")
    if items["depth"]:
        out.append(f"{f()} it sits {items['depth']}")
    if items["relation"]:
        out.append(f"and it's {items['relation']}")
    if items["size"]:
        out.append(f"size wise it's {items['size']}")
    if items["count"]:
        out.append(f"it's in {items['count']}")
    return ", ".join(out) + f". {rng.choice(traps)}"


def mcq(name, items, traps, rng, p):
    lines = [f"Identified: the {name} {SEG}.", ""]
    n = 1
    options = {"side": ["the patient's left", "the patient's right", "both sides"],
               "depth": ["towards the front", "towards the back"],
               "size": ["small", "medium-sized", "big"],
               "count": ["one piece", "two separate pieces", "three separate pieces"]}
    for key, q in (("side", "Which side is it on?"), ("depth", "Front or back?"), ("size", "How big is it on this image?"),
                   ("count", "How many pieces?")):
        if not items[key]:
            continue
        opts = list(options[key])
        if items[key] not in opts:
            opts[-1] = items[key]
        letters = "abc"
        lines.append(f"Q{n}. {q} " + " ".join(f"({letters[i]}) {o}" for i, o in enumerate(opts)))
        lines.append(f"Answer: ({letters[opts.index(items[key])]}) {items[key]}")
        n += 1
    if items["relation"]:
        lines.append(f"Q{n}. Where is it relative to its neighbour? Answer: it lies {items['relation']}.")
    lines.append(rng.choice(traps))
    return "\n".join(lines)


def thread(name, items, traps, rng, p):
    parts = [f"the {name} {SEG} 🧵"]
    if items["side"]:
        parts.append(f"it's on {items['side']} 👈")
    if items["depth"] or items["relation"]:
        bits = [b for b in (f"it sits {items['depth']}" if items["depth"] else "",
                            f"it lies {items['relation']}" if items["relation"] else "") if b]
        parts.append(", and ".join(bits))
    if items["size"] or items["count"]:
        bits = [b for b in (f"size: {items['size']}" if items["size"] else "",
                            f"it's in {items['count']}" if items["count"] else "") if b]
        parts.append("; ".join(bits))
    parts.append(rng.choice(traps) + " #radiology #anatomy")
    total = len(parts)
    return "\n\n".join(f"{i + 1}/{total} {t}" for i, t in enumerate(parts))


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s, name, noun, fn = p["side"], p["target"], p["noun"], p["fn"]
    other, r = rng.choice(p["rels"])
    items = {"side": side_words(s), "depth": "towards the front" if p["vert"] == "anterior" else "towards the back",
             "relation": f"{REL[r]} the {other}", "size": size_words(p["size"], facts["area_fraction"], rng, False),
             "count": count_words(p["comps"])}
    traps = list(p["other_kb"]) + ["Heads up: on the screen the patient's right shows up on the viewer's left.",
                                   "Common trap in exams: people mix up the sides on CT.",
                                   "Next slice in the series tomorrow!"]
    expected = [defect] if defect else []
    q = {"voice": f"Which {noun} {fn}? Segment it and talk me through it.",
         "mcq": f"Which {noun} {fn}? Segment it and make a short quiz about it.",
         "thread": f"Which {noun} {fn}? Segment it and write it up as a teaching thread."}[style]
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"Segment the {g} structure and talk me through it.",
                        f"Make a quiz: segment the {g} area on this slice.",
                        f"Thread idea: segment the {g} part of this scan."])
    elif defect and rng.random() < 0.22:
        where = {"laterality": (f"on the patient's {OPP[s]}" if s in OPP else
                                ("on just one side" if s == "bilateral" else "off to the patient's right")),
                 "size": "that takes up most of the image" if p["size"] != "large" else "that is only a tiny dot",
                 "count": "that's in two separate pieces" if p["comps"] == 1 else "that's all in one piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"sitting {REL[FLIP[r2]]} the {o2}"
        q = f"Which {noun} {where} {fn}? Segment it."
    elif defect:
        if defect == "laterality":
            items["side"] = wrong_side_words(s, rng)
        elif defect == "size":
            items["size"] = size_words(p["size"], facts["area_fraction"], rng, True)
        elif defect == "count":
            items["count"] = count_words(2 if p["comps"] == 1 else 1)
        elif rng.random() < 0.55:
            o2, r2 = rng.choice(p["rels"])
            items["relation"] = f"{REL[FLIP[r2]]} the {o2}"
        else:
            items["depth"] = "towards the back" if p["vert"] == "anterior" else "towards the front"
    if not defect:
        for k in rng.sample(list(items), k=rng.randint(0, 2)):
            items[k] = None
    first = {"voice": voice, "mcq": mcq, "thread": thread}[style](name, items, traps, rng, p)
    follow = rng.choice(["Anything else to watch out for?", "Can you add one more tip?"])
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": follow}, {"role": "assistant", "content": " ".join(rng.sample(traps, 2))}]
    return turns, expected
