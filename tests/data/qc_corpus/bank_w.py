"""Phrase bank W of the QC corpus: a twenty-third voice, written blind by helper `qcw` BEFORE reading any QC
rule (only make_corpus.py's bank interface, the record facts and banks U and V for the format were read).

One persona, an assistant that answers in structured output and hedges everything, in three surface forms:
- `yaml`: a YAML-like block with nested keys, list items and `# comments` ("side: patient's right  # fairly
  sure"), values hedged inline ("anterior (most likely)");
- `hedge`: a prose paragraph dense with epistemic hedges and credences ("From what I can see this is most
  likely ...", "I'd put roughly 90% on ...", "it appears to ...", "I'd estimate ...");
- `conftable`: a markdown table with columns Attribute | My read | Confidence | Notes, whose notes and
  extra rows carry textbook facts, the display convention and caveats.

Defects (one false, plainly asserted claim per defective conversation, hedged the way this persona hedges
everything it says, never as a mere possibility): side (a bilateral mask said to be one-sided, a midline one
off to one side), depth and relations, size (class words, percentages, fractions of the frame), count, the
first question naming the target; about a fifth of the other defects sit in a user question. Bilateral and
multi-region masks are weighted up (`pick_profile`). Clean traps: credences and confidence percentages,
differential alternatives named with their own usual side, caveats about adjacent slices, textbook sizes in
cm, the display convention, true negations, knowledge about other structures.
Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
WORD = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
# a differential the persona mentions, with where that OTHER structure usually lies (true knowledge)
ALT = {"liver": "the spleen, which normally sits in the left upper quadrant",
       "spleen": "the liver, which normally occupies the right upper quadrant",
       "left kidney": "the spleen, though that usually sits higher and further forward",
       "right kidney": "the liver, though that sits further forward",
       "aorta": "the inferior vena cava, which normally runs on the patient's right",
       "pancreas": "the duodenum, which curves around on the patient's right",
       "gallbladder": "the duodenal bulb, which lies a little more medially",
       "stomach": "the spleen, which sits behind it on the patient's left",
       "inferior vena cava": "the aorta, which normally runs just left of the midline",
       "liver lesion": "simple cysts, which would look darker and sharper",
       "kidney": "the psoas muscles, which lie medial to the kidneys",
       "kidney cyst": "a renal pelvis, which would sit closer to the hilum"}
TEXTBOOK = {"liver": "about 15 cm craniocaudally", "spleen": "up to 12 cm long", "left kidney": "10-12 cm long",
            "right kidney": "10-12 cm long", "aorta": "under 3 cm across", "pancreas": "12-15 cm long",
            "gallbladder": "7-10 cm long", "stomach": "highly variable, depending on filling",
            "inferior vena cava": "about 2 cm across", "liver lesion": "anything from a few mm to several cm",
            "kidney": "10-12 cm long each", "kidney cyst": "usually under 5 cm"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.35:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.45 if defect else 0.25):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_phrase(s: str, rng: random.Random) -> str:
    return rng.choice({"left": ["patient's left", "on the patient's left side", "left-sided"],
                       "right": ["patient's right", "on the patient's right side", "right-sided"],
                       "midline": ["midline", "central, on the midline", "roughly in the midline"],
                       "bilateral": ["bilateral (one on each side)", "both sides, left and right",
                                     "bilateral"]}[s])


def wrong_side_phrase(s: str, rng: random.Random) -> str:
    if s in OPP:
        return side_phrase(OPP[s], rng)
    one = rng.choice(["left", "right"])
    if s == "bilateral":
        return rng.choice([f"{one} side only", f"confined to the patient's {one}", f"unilateral, {one}"])
    return rng.choice([f"well off to the patient's {one}", f"clearly {one}-sided, away from the midline"])


def depth_phrase(v: str, rng: random.Random) -> str:
    return rng.choice({"anterior": ["anterior", "toward the front of the abdomen", "ventral"],
                       "posterior": ["posterior", "toward the back, near the spine", "dorsal"]}[v])


def rel_phrase(other: str, r: str, rng: random.Random) -> str:
    return rng.choice({"anterior_to": [f"anterior to the {other}", f"in front of the {other}"],
                       "posterior_to": [f"posterior to the {other}", f"behind the {other}"],
                       "left_of": [f"to the patient's left of the {other}", f"left of the {other}"],
                       "right_of": [f"to the patient's right of the {other}", f"right of the {other}"]}[r])


def size_phrase(sz: str, frac: float, rng: random.Random, wrong: bool) -> str:
    pct = frac * 100
    if wrong:
        if sz == "large":
            return rng.choice(["small", "tiny, well under 1% of the frame", "roughly 0.3% of the image",
                               "a small sliver of the frame"])
        return rng.choice(["large", "roughly 30% of the image", "around a third of the frame",
                           "very large, most of the frame"])
    cls = {"small": ["small", "fairly small"], "medium": ["medium", "moderate"], "large": ["large", "fairly large"]}[sz]
    num = f"roughly {pct:.0f}% of the image" if pct >= 1.5 else ("about 1% of the image" if pct >= 1
                                                                   else "well under 1% of the image")
    return rng.choice(cls + [num])


def count_phrase(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["one contiguous region", "a single connected piece", "1 region"])
    return rng.choice([f"{n} separate regions", f"{WORD[n]} distinct pieces", f"{n} regions, not connected to each other"])


HEDGE = ["most likely", "I'd say", "appears to be", "probably", "as far as I can tell,"]
CONF = ["high", "moderate", "fairly high", "medium-high"]


def render_yaml(name: str, items: dict, traps: list[str], rng: random.Random) -> str:
    lines = [f"structure: {name} {SEG}", f"confidence: {rng.choice(CONF)}  # I'd estimate ~{rng.choice([80, 85, 90])}%"]
    if items["side"] or items["depth"] or items["relation"]:
        lines.append("location:")
        if items["side"]:
            lines.append(f"  side: {items['side']}  # {rng.choice(['fairly sure', 'looks clear', 'most likely'])}")
        if items["depth"]:
            lines.append(f"  depth: {items['depth']} ({rng.choice(['most likely', 'appears so', 'probably'])})")
        if items["relation"]:
            lines += ["  neighbours:", f"    - {items['relation']}"]
    if items["size"]:
        lines.append(f"size_estimate: {items['size']}  # rough, I'd estimate")
    if items["count"]:
        lines.append(f"regions: {items['count']}")
    lines += ["caveats:", f"  - {rng.choice(traps)}", f"  - {rng.choice(traps)}"]
    return "```yaml\n" + "\n".join(lines) + "\n```"


def render_hedge(name: str, items: dict, traps: list[str], rng: random.Random) -> str:
    out = [f"From what I can see, this is {rng.choice(['most likely', 'almost certainly', 'probably'])} the {name} {SEG}."]
    if items["side"]:
        out.append(f"My read on the side: {items['side']}. I'd put about {rng.choice([85, 90, 95])}% on that.")
    if items["depth"]:
        out.append(f"Its position looks {items['depth']}, most likely.")
    if items["relation"]:
        out.append(f"As far as I can tell, it lies {items['relation']}.")
    if items["size"]:
        out.append(f"I'd estimate its size as {items['size']}, give or take.")
    if items["count"]:
        out.append(f"The mask appears to consist of {items['count']}.")
    out.append(rng.choice(traps))
    return " ".join(out)


def render_table(name: str, items: dict, traps: list[str], rng: random.Random) -> str:
    rows = ["| Attribute | My read | Confidence | Notes |", "|---|---|---|---|",
            f"| Structure | {name} {SEG} | {rng.choice(CONF)} | - |"]
    notes = {"side": "display is mirrored, as usual", "depth": "judged against the spine",
             "relation": "neighbour check", "size": "rough, by eye", "count": "on this slice only"}
    label = {"side": "Side", "depth": "Depth", "relation": "Neighbour", "size": "Size (approx.)", "count": "Pieces"}
    for k in ("side", "depth", "relation", "size", "count"):
        if items[k]:
            rows.append(f"| {label[k]} | {items[k]} | {rng.choice(CONF)} | {notes[k]} |")
    rows.append(f"| Textbook size | {TEXTBOOK[name]} | n/a (textbook) | not measurable on this image |")
    return "\n".join(rows) + "\n\n" + rng.choice(traps)



def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s, name, noun, fn = p["side"], p["target"], p["noun"], p["fn"]
    other, r = rng.choice(p["rels"])
    items = {"side": side_phrase(s, rng), "depth": depth_phrase(p["vert"], rng),
             "relation": rel_phrase(other, r, rng), "size": size_phrase(p["size"], facts["area_fraction"], rng, False),
             "count": count_phrase(p["comps"], rng)}
    traps = list(p["other_kb"]) + [
        f"If I had to name an alternative, it would be {ALT[name]}.",
        "Bear in mind the display convention: the patient's right is shown on the viewer's left.",
        f"In adults it is typically {TEXTBOOK[name]}, but I can't measure that here without pixel spacing.",
        "I can't fully rule out that it continues onto neighbouring slices.",
        f"My overall confidence is around {rng.choice([75, 80, 85, 90])}%, mainly limited by the single slice.",
    ]
    if s in OPP:
        traps.append(f"I don't see anything extending across to the patient's {OPP[s]}.")
    if p["comps"] == 1:
        traps.append("I see no second, separate focus on this slice.")
    expected = [defect] if defect else []
    q = rng.choice({"yaml": [f"Which {noun} {fn}? Segment it and return a YAML summary.",
                             f"Identify the {noun} that {fn}, segment it, and give me structured output."],
                    "hedge": [f"Which {noun} here {fn}? Please segment it and tell me how sure you are.",
                              f"Can you segment the {noun} that {fn}? Include your confidence."],
                    "conftable": [f"Which {noun} {fn}? Segment it and put your reading in a table.",
                                  f"Segment the {noun} that {fn} and tabulate what you see, with confidence levels."]}[style])
    where_in = "first"
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"Segment the {g} structure and return a structured summary.",
                        f"There are {g} changes on this scan. Can you segment the affected {noun} and rate your confidence?",
                        f"Please mask the {g} region and tabulate your findings."])
    elif defect and rng.random() < 0.25:
        where = {"laterality": (f"on the patient's {OPP[s]} side" if s in OPP else
                                ("on the left side only" if s == "bilateral" else "over on the patient's right")),
                 "size": "that fills most of the image" if p["size"] != "large" else "that is only a few pixels across",
                 "count": "that shows up as two separate pieces" if p["comps"] == 1 else "that forms one single piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = "lying " + rel_phrase(o2, FLIP[r2], rng)
        q = rng.choice([f"Which {noun} {where} {fn}? Segment it and give me your confidence.",
                        f"I need the {noun} {where} - the one that {fn}. Can you segment it and summarise in a table?"])
    elif defect:
        key = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
        if defect == "laterality":
            bad = wrong_side_phrase(s, rng)
        elif defect == "size":
            bad = size_phrase(p["size"], facts["area_fraction"], rng, True)
        elif defect == "count":
            bad = count_phrase(2 if p["comps"] == 1 else 1, rng)
        elif rng.random() < 0.55:
            key = "relation"
            o2, r2 = rng.choice(p["rels"])
            bad = rel_phrase(o2, FLIP[r2], rng)
        else:
            key = "depth"
            bad = depth_phrase("posterior" if p["vert"] == "anterior" else "anterior", rng)
        items[key] = bad
        if rng.random() < 0.4:  # the false claim comes when the user asks again
            where_in = key
    keys = ["side", "depth", "relation", "size", "count"]
    if not defect:
        for k in rng.sample(keys, k=rng.randint(0, 2)):
            items[k] = None
    late = {}
    if where_in != "first":
        late[where_in] = items[where_in]
        items = dict(items, **{where_in: None})
    render = {"yaml": render_yaml, "hedge": render_hedge, "conftable": render_table}[style]
    first = render(name, items, traps, rng)
    follow_q = rng.choice(["How sure are you about the position and size?", "Which parts are you least sure about?",
                           "Could you double-check the details?"])
    if late:
        k, v = next(iter(late.items()))
        say = {"side": f"On a second look, the side is most likely {v}.",
               "depth": f"Re-checking the depth: it appears to be {v}.",
               "relation": f"Double-checking the neighbours: it most likely lies {v}.",
               "size": f"Re-estimating the size, I'd put it at {v}.",
               "count": f"Re-counting, the mask appears to be {v}."}[k]
        if style == "yaml":
            second = f"```yaml\nrecheck:\n  {k}: {v}  # most likely\n```\n{rng.choice(traps)}"
        elif style == "conftable":
            second = f"| Item | Revised read |\n|---|---|\n| {k.capitalize()} | {v} |\n\n{rng.choice(traps)}"
        else:
            second = f"{say} {rng.choice(traps)}"
    else:
        second = " ".join(rng.sample(traps, 2))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": follow_q}, {"role": "assistant", "content": second}]
    if rng.random() < 0.35:
        turns += [{"role": "user", "content": rng.choice(["Thanks. Anything else worth noting?",
                                                          "Is there any other structure I should look at?"])},
                  {"role": "assistant", "content": rng.choice(traps)}]
    return turns, expected
