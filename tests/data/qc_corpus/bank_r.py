"""Phrase bank R of the QC corpus: an eighteenth voice, written blind by helper `qc4` AFTER its last QC rule
change (commit 9f0c17f, made after reading bank Q), measured once and never read: the round's headline.

One persona, an upbeat, idiom-heavy chat assistant, in three surface forms:
- `chat`: a casual paragraph ("Right, so here's the deal ...");
- `recap`: a "TL;DR" line followed by casual bullet fragments;
- `compare`: everything framed against the neighbours ("Sizing it up against the neighbours: ...").

Casual size words ("hefty", "chunky", "a wee thing", "loads of the picture"), casual counts ("all one
blob", "in two chunks"), sides ("over on the patient's left", "dead centre"), depth ("up front by the
belly wall", "round the back near the spine"). Clean traps are idioms that use side words without a
side: "right away", "right next to", "all right", "you're right", "right there", "nothing left over",
"that's left to the radiologist", plus the display convention and knowledge about other structures.
One false, plainly asserted claim per defective conversation. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {2: "two", 3: "three"}
SEG = "[SEG]"


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def wrap(style: str, text: str, other: str) -> str:
    if style == "recap":
        return "- " + text[0].lower() + text[1:]
    if style == "compare":
        return f"Sizing it up against the neighbours: {text[0].lower() + text[1:]}"
    return text


def side_text(s: str, style: str, other: str, rng: random.Random) -> str:
    t = {"left": rng.choice(["It's over on the patient's left.", "It hangs out on the left side of the body."]),
         "right": rng.choice(["It's over on the patient's right.", "It hangs out on the right side of the body."]),
         "midline": "It's smack in the middle, dead centre over the spine.",
         "bilateral": "There's a bit on the patient's left and a bit on the patient's right."}[s]
    return wrap(style, t, other)


def wrong_side(s: str, style: str, other: str, rng: random.Random) -> str:
    if s in OPP:
        return side_text(OPP[s], style, other, rng)
    one = rng.choice(["left", "right"])
    t = (f"It's only over on the patient's {one}, nothing on the other side." if s == "bilateral" else
         f"It's way over on the patient's {one}, nowhere near the middle.")
    return wrap(style, t, other)


def vert_text(v: str, style: str, other: str) -> str:
    t = "It's up front, by the belly wall." if v == "anterior" else "It's round the back, near the spine."
    return wrap(style, t, other)


def rel_text(other: str, r: str, style: str) -> str:
    t = {"anterior_to": f"It sits in front of the {other}.", "posterior_to": f"It tucks in behind the {other}.",
         "left_of": f"It's off to the patient's left of the {other}.",
         "right_of": f"It's off to the patient's right of the {other}."}[r]
    return "- " + t[0].lower() + t[1:] if style == "recap" else t


def size_text(sz: str, frac: float, style: str, other: str, rng: random.Random) -> str:
    p = frac * 100
    if rng.random() < 0.5:
        t = (f"It takes up a smidge of the picture, around {p:.1f}%." if p < 1 else
             f"It takes up a fair bit of the picture, around {p:.0f}%." if p >= 8 else
             f"It takes up around {p:.1f}% of the picture.")
    else:
        t = {"small": rng.choice(["It's a wee thing on this slice.", "It's pretty small on this slice."]),
             "medium": "It's middling in size on this slice.",
             "large": rng.choice(["It's a hefty one on this slice.", "It's pretty big on this slice."])}[sz]
    return wrap(style, t, other)


def wrong_size(sz: str, style: str, other: str, rng: random.Random) -> str:
    if sz == "large":
        t = rng.choice(["It's a wee thing on this slice.", "It's pretty small on this slice.",
                        "It takes up a smidge of the picture, around 0.4%."])
    else:
        t = rng.choice(["It's a hefty one on this slice.", "It's pretty big on this slice.",
                        "It takes up loads of the picture, around 35%."])
    return wrap(style, t, other)


def count_text(n: int, style: str, other: str) -> str:
    t = "It's all one blob." if n == 1 else f"It comes in {NUMW[n]} chunks that don't touch."
    return wrap(style, t, other)


def wrong_count(n: int, style: str, other: str, rng: random.Random) -> str:
    t = (rng.choice(["It comes in two chunks that don't touch.", "It's split into a couple of separate bits."])
         if n == 1 else rng.choice(["It's all one blob.", "It's one single connected piece."]))
    return wrap(style, t, other)


def traps(p: dict) -> list[str]:
    out = list(p["other_kb"])
    out += ["You're right to double-check the window settings.", "All right, that covers the basics.",
            "I spotted it right away.", "Nothing is left over once you outline it.",
            "The final call is left to the radiologist, of course.",
            "Heads up: the screen flips things, so the patient's right shows on the viewer's left."]
    if p["side"] in OPP:
        out += [f"Nothing's going on over on the patient's {OPP[p['side']]}."]
    return out


Q = {"chat": ["Hey! Quick one: which {noun} {fn}? Mind segmenting it?", "Which {noun} {fn}? Segment it for me, thanks!"],
     "recap": ["Which {noun} {fn}? Segment it and give me the TL;DR.", "TL;DR style please: which {noun} {fn}? Segment it."],
     "compare": ["Which {noun} {fn}? Segment it and compare it with its neighbours.",
                 "Can you segment the {noun} that {fn} and explain it by comparison?"]}
LEAD = {"chat": "Right, so here's the deal: it's the {name} {seg}.", "recap": "TL;DR: it's the {name} {seg}.",
        "compare": "That's the {name} {seg}, and it makes most sense next to its neighbours."}
FOLLOW = ["Anything else worth a mention?", "Got any extra tips for me?", "What else should I know here?"]
GIVE = {"liver": "a fatty liver", "spleen": "a ruptured spleen", "left kidney": "a kidney infection",
        "right kidney": "a kidney infection", "aorta": "an aortic aneurysm", "pancreas": "pancreatitis",
        "gallbladder": "a gallbladder attack", "stomach": "a stomach bleed", "inferior vena cava": "an IVC clot",
        "liver lesion": "liver lesions", "kidney": "kidney failure", "kidney cyst": "a kidney cyst"}


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style, other, rng), "vertical": vert_text(p["vert"], style, other),
             "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, other, rng),
             "count": count_text(p["comps"], style, other)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    key = bad = None
    if defect == "names_target":
        q = f"My buddy's got {GIVE[p['target']]}. Which {p['noun']} is that? Segment it for me?"
    elif defect and rng.random() < 0.2:
        if defect == "laterality":
            where = (f"over on the patient's {OPP[s]}" if s in OPP else
                     "only on the patient's left" if s == "bilateral" else "way over on the patient's right")
        elif defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = {"anterior_to": f"in front of the {o2}", "posterior_to": f"behind the {o2}",
                     "left_of": f"to the patient's left of the {o2}", "right_of": f"to the patient's right of the {o2}"}[FLIP[r2]]
        elif defect == "size":
            where = "that's pretty big here" if p["size"] != "large" else "that's a wee thing here"
        else:
            where = "that comes in two chunks here" if p["comps"] == 1 else "that's all one blob here"
        q = f"Which {p['noun']} {where} {p['fn']}? Segment it for me!"
    elif defect == "laterality":
        key, bad = "side", wrong_side(s, style, other, rng)
    elif defect == "position":
        if rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", rel_text(o2, FLIP[r2], style)
        else:
            key, bad = "vertical", vert_text("posterior" if p["vert"] == "anterior" else "anterior", style, other)
    elif defect == "size":
        key, bad = "size", wrong_size(p["size"], style, other, rng)
    elif defect == "count":
        key, bad = "count", wrong_count(p["comps"], style, other, rng)
    t = traps(p)
    in_first = rng.random() < 0.7
    if bad and in_first:
        parts[key] = bad
    items = list(parts.values())
    rng.shuffle(items)
    if not (bad and in_first):
        items = items[: rng.randint(3, 5)]
    items.insert(rng.randrange(len(items) + 1), rng.choice(t))
    sep = "\n" if style == "recap" else " "
    first = LEAD[style].format(name=p["target"], seg=SEG) + sep + sep.join(items)
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": sep.join(second)}]
    return turns, expected
