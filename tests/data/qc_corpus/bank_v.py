"""Phrase bank V of the QC corpus: a twenty-second voice, written by helper `qc5` AFTER its last QC rule change
(the pixel-area and ordinal-fraction commit), measured once: the headline of that round.

Three registers no earlier bank used:
- `steps`: a non-native-English assistant answering in numbered steps ("Step 3 - I check the size: ...",
  "So final: ..."), with its own grammar ("the organ is staying in the patient right");
- `teachfile`: a radiology-resident teaching file with measurements in cm and mm and comparisons to
  familiar objects ("about 12 x 8 cm, roughly a paperback book"), which QC cannot check and must not flag,
  beside image-relative size statements, which it can;
- `portal`: a patient-portal explanation in plain words addressed to the patient ("your left side",
  "the coloured area on your scan picture").

Size and count are weighted up (`KINDS`): size is said as class words, percentages, ranges, ordinal
fractions of the picture, pixel counts and comparisons with the picture; count as pieces, islands, blobs,
"one continuous", "broken into". One false, plainly asserted claim per defective conversation; a fifth of
them sit in the first question. Clean traps: cm/mm sizes, familiar objects, confidence and step numbers,
the display convention, advice to compare sides, knowledge about other structures.
Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
WORD = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
KINDS = ["laterality", "position", "size", "count", "names_target", "size", "count"]
CM = {"liver": "15 x 11 cm", "spleen": "10 x 5 cm", "left kidney": "11 x 5 cm", "right kidney": "11 x 5 cm",
      "aorta": "2.2 cm", "pancreas": "14 cm long, 2 cm thick", "gallbladder": "7 x 3 cm", "stomach": "12 x 8 cm",
      "inferior vena cava": "2.4 x 1.8 cm", "liver lesion": "8 to 14 mm each", "kidney": "about 11 cm each",
      "kidney cyst": "18 mm"}
THING = {"liver": "a rugby ball", "spleen": "a fist", "left kidney": "a computer mouse", "right kidney": "a computer mouse",
         "aorta": "a garden hose", "pancreas": "a banana", "gallbladder": "a small pear", "stomach": "a boxing glove",
         "inferior vena cava": "a thumb", "liver lesion": "peas", "kidney": "two computer mice", "kidney cyst": "a grape"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.2):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_t(s: str, style: str, rng: random.Random) -> str:
    if style == "steps":
        return {"left": "the organ is staying in the patient left", "right": "it is staying in patient right side",
                "midline": "it stay in the middle line of the body", "bilateral": "it is in both side, left and right"}[s]
    if style == "teachfile":
        return {"left": "Laterality: left.", "right": "It is right-sided.", "midline": "It is a midline structure.",
                "bilateral": "The finding is bilateral."}[s]
    return {"left": "It is on your left side.", "right": "It is on your right side.",
            "midline": "It sits in the middle of your body.", "bilateral": "It is on both your left and right sides."}[s]


def wrong_side_t(s: str, style: str, rng: random.Random) -> str:
    if s in OPP:
        return side_t(OPP[s], style, rng)
    one = rng.choice(["left", "right"])
    if s == "bilateral":
        return {"steps": f"it is only in {one} side, not the other", "teachfile": f"It is confined to the {one}.",
                "portal": f"It is only on your {one} side."}[style]
    return {"steps": f"it is staying in patient {one}", "teachfile": f"It lies to the {one} of midline.",
            "portal": f"It is over on your {one} side."}[style]


def depth_t(v: str, style: str) -> str:
    front = v == "anterior"
    return {"steps": "it is more near to the belly front" if front else "it is more near to the back of body",
            "teachfile": "It is anteriorly placed." if front else "It lies posteriorly.",
            "portal": "It is towards the front of your tummy." if front else "It is towards your back."}[style]


def rel_t(other: str, r: str, style: str) -> str:
    phrase = {"anterior_to": f"in front of the {other}", "posterior_to": f"behind the {other}",
              "left_of": f"to the patient's left of the {other}", "right_of": f"to the patient's right of the {other}"}[r]
    if style == "portal":
        phrase = phrase.replace("the patient's", "your")
    return {"steps": f"it is {phrase}", "teachfile": f"It lies {phrase}.", "portal": f"It sits {phrase}."}[style]


def size_t(sz: str, facts: dict, style: str, rng: random.Random, wrong: bool) -> str:
    pct, px = facts["area_fraction"] * 100, facts["area_pixels"]
    if wrong:  # a size the mask contradicts, said as the writer would
        big = sz != "large"
        pct = rng.choice([22.0, 30.0, 40.0]) if big else rng.choice([0.2, 0.3, 0.1])
        px = int(pct / 100 * facts["width"] * facts["height"])
        sz = "large" if big else "small"
    cls = {"small": ["small", "tiny"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "big"]}[sz]
    forms = [f"it look {cls[0]} in this picture", f"the size I calculate is {pct:.1f} percent of the image",
             f"about {px:,} pixels are in the mask"] if style == "steps" else \
        [f"On this slice it is {cls[1]}.", f"It occupies approximately {pct:.1f}% of the image.",
         f"Mask area: {px} pixels ({pct:.1f}% of the slice)."] if style == "teachfile" else \
        [f"On your scan it looks {cls[0]}.", f"The coloured area covers about {pct:.0f} percent of the picture."
         if pct >= 1 else f"The coloured area covers less than 1 percent of the picture.",
         {"large": "It fills a large part of the picture.", "medium": "It is a medium-sized patch on the picture.",
          "small": "It is only a small spot on the picture."}[sz]]  # label fix: a medium mask was called "a small spot"
    if sz == "large" and style == "teachfile":  # an ordinal fraction near the area the writer states
        near = min({"a quarter": 25, "a fifth": 20, "a sixth": 16.7, "an eighth": 12.5, "a tenth": 10}.items(),
                   key=lambda kv: abs(kv[1] - pct))[0]
        forms.append(f"It takes up roughly {near} of the image.")
    return rng.choice(forms)


def count_t(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        return rng.choice({"steps": ["all of it is one continuous piece", "I count only 1 piece"],
                           "teachfile": ["It is a single contiguous structure.", "Components: 1."],
                           "portal": ["It shows as one connected area.", "It is all in one piece."]}[style])
    w = WORD[n]
    return rng.choice({"steps": [f"I count {n} separate pieces", f"it is broken into {w} parts"],
                       "teachfile": [f"It is made up of {w} separate components.", f"There are {n} discrete islands of signal."],
                       "portal": [f"It shows up as {w} separate patches.", f"There are {w} separate coloured spots."]}[style])


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    items = {"side": side_t(s, style, rng), "depth": depth_t(p["vert"], style), "relation": rel_t(other, r, style),
             "size": size_t(p["size"], facts, style, rng, False), "count": count_t(p["comps"], style, rng)}
    expected = [defect] if defect else []
    noun, fn = p["noun"], p["fn"]
    q = {"steps": f"Which {noun} {fn}? Please segment and explain step by step.",
         "teachfile": f"Teaching case: identify and segment the {noun} that {fn.replace('appear ', 'appears ')}.",
         "portal": f"My doctor said to ask here: which {noun} in my scan {fn}? Can you show me where it is?"}[style]
    if defect == "names_target":
        q = {"steps": "Please segment the {g} structure step by step.",
             "teachfile": "Teaching case: segment the {g} finding on this slice.",
             "portal": "My report mentions something {g}. Can you mark it on my scan?"}[style].format(g=rng.choice(p["giveaway"]))
    elif defect and rng.random() < 0.2:
        where = {"laterality": f"on the patient's {OPP[s]} side" if s in OPP else
                 ("only on the left side" if s == "bilateral" else "on the patient's right side"),
                 "size": "that fills most of the image" if p["size"] != "large" else "that is only a few pixels",
                 "count": "in two separate pieces" if p["comps"] == 1 else "as one single connected piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = rel_t(o2, FLIP[r2], "teachfile")[len("It lies "):-1]
        q = f"Which {noun} {where} {fn}? Please segment it."
    elif defect:
        if defect == "laterality":
            items["side"] = wrong_side_t(s, style, rng)
        elif defect == "size":
            items["size"] = size_t(p["size"], facts, style, rng, True)
        elif defect == "count":
            items["count"] = count_t(2 if p["comps"] == 1 else 1, style, rng)
        elif rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            items["relation"] = rel_t(o2, FLIP[r2], style)
        else:
            items["depth"] = depth_t("posterior" if p["vert"] == "anterior" else "anterior", style)
    keys = ["side", "depth", "relation", "size", "count"]
    if not defect:
        for k in rng.sample(keys, k=rng.randint(0, 2)):
            items[k] = None
    traps = list(p["other_kb"]) + [f"In real life it measures {CM[p['target']]}, about the size of {THING[p['target']]}.",
                                   "It is good to compare the left and right side on the next scan.",
                                   "On the screen the patient's right is shown on the viewer's left.",
                                   f"My confidence for this answer is {rng.choice([80, 85, 90])}%."]
    name = p["target"]
    if style == "steps":
        lines = [f"Step 1 - I find the {noun}: it is the {name} {SEG}."]
        lines += [f"Step {i + 2} - {items[k]}." for i, k in enumerate(k for k in keys if items[k])]
        lines.append(f"Note: {rng.choice(traps)}")
        first = "\n".join(lines)
        second = f"So final: {name}. {rng.choice(traps)} {rng.choice(traps)}"
    elif style == "teachfile":
        body = " ".join(items[k] for k in keys if items[k])
        first = f"Answer: {name} {SEG}. Findings: {body} {rng.choice(traps)}"
        second = f"Teaching point: {rng.choice(traps)} {rng.choice(traps)}"
    else:
        body = " ".join(items[k] if items[k].endswith(".") else items[k] + "." for k in keys if items[k])
        first = f"Hello! The coloured area is your {name} {SEG}. {body} {rng.choice(traps)}"
        second = f"{rng.choice(traps)} Please ask your doctor if you have more questions."
    follow = {"steps": "Can you say more?", "teachfile": "Any further teaching points?",
              "portal": "Is there anything else I should know?"}[style]
    return [{"role": "user", "content": q}, {"role": "assistant", "content": first},
            {"role": "user", "content": follow}, {"role": "assistant", "content": second}], expected
