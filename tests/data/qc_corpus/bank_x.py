"""Phrase bank X of the QC corpus: a twenty-fourth voice, written blind by helper `qcw` BEFORE reading any QC
rule (only make_corpus.py's bank interface, the record facts and banks U and V for the format were read).

One persona, a British consultant radiologist, in three surface forms:
- `dictation`: a dictated report in clipped British shorthand (L/R, ant./post., approx., c., "sits
  leftward", "on the right-hand side", "lies deep to"), numbers spelled out ("some four per cent of the
  field", "c. one-fifth of the slice"), parenthetical asides, no "the patient's";
- `gpletter`: a letter to a GP ("Dear Dr Okafor, many thanks for ...", "I should be grateful if ...",
  "Kind regards"), the findings in flowing British prose with asides in brackets;
- `mdt`: multidisciplinary-meeting minutes ("MDT outcome", "Radiology (Dr Hughes): ...", "Surgical view:
  ...", "Action: ..."), findings as semicolon-separated shorthand.

Defects (one false, plainly asserted claim per defective conversation): side (a bilateral mask called
one-sided, a midline one lateral), depth and relations, size (class words, spelled-out per cent, fractions of
the field), count, the first question naming the target; about a fifth of the other defects sit in a user
question. Bilateral and multi-region masks are weighted up (`pick_profile`). Clean traps: the display
convention, incidental findings in other structures with their own sides and sizes ("small R pleural
effusion"), true negations ("no L-sided abnormality"), lengths in cm and slice numbers, dates of prior
imaging, actions and follow-up plans, knowledge about other structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
SEG = "[SEG]"
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two",
        23: "twenty-three", 24: "twenty-four", 25: "twenty-five", 26: "twenty-six", 30: "thirty", 40: "forty"}
FRAC = {"a quarter": 25.0, "one-fifth": 20.0, "a sixth": 16.7, "an eighth": 12.5, "one-tenth": 10.0,
        "a twelfth": 8.3}
CM = {"liver": "c. 16 cm in craniocaudal extent on the coronals", "spleen": "c. 11 cm (upper limit of normal)",
      "left kidney": "c. 10.5 cm bipolar length", "right kidney": "c. 10.8 cm bipolar length",
      "aorta": "2.1 cm AP diameter", "pancreas": "head 2.4 cm, tail 1.8 cm", "gallbladder": "wall 2 mm",
      "stomach": "wall up to 4 mm", "inferior vena cava": "c. 2 cm AP", "liver lesion": "largest 14 mm",
      "kidney": "L 10.9 cm, R 10.6 cm", "kidney cyst": "c. 19 mm"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.35:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.45 if defect else 0.25):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_x(s: str, style: str, rng: random.Random) -> str:
    if style == "mdt":
        return rng.choice({"left": ["L-sided", "L"], "right": ["R-sided", "R"], "midline": ["midline", "central"],
                           "bilateral": ["bilateral (L and R)", "B/L"]}[s])
    if style == "dictation":
        return rng.choice({"left": ["Sits leftward.", "L-sided.", "On the left-hand side."],
                           "right": ["Sits rightward.", "R-sided.", "On the right-hand side."],
                           "midline": ["Central, in the midline.", "Midline (as expected)."],
                           "bilateral": ["Bilateral, L and R.", "Present on both sides (L and R)."]}[s])
    return rng.choice({"left": ["It lies on the left-hand side", "It sits leftward, as one would expect"],
                       "right": ["It lies on the right-hand side", "It sits rightward, as one would expect"],
                       "midline": ["It lies centrally, in the midline", "It sits in the midline"],
                       "bilateral": ["Both sides are involved, left and right", "It is bilateral"]}[s]) + "."


def wrong_side_x(s: str, style: str, rng: random.Random) -> str:
    if s in OPP:
        return side_x(OPP[s], style, rng)
    one = rng.choice(["left", "right"])
    ab = one[0].upper()
    if s == "bilateral":
        return {"mdt": f"{ab}-sided only", "dictation": f"Confined to the {ab}.",
                "gpletter": f"It is confined to the {one}-hand side."}[style]
    return {"mdt": f"{ab}-sided, well off midline", "dictation": f"Sits well {one}ward of midline.",
            "gpletter": f"It lies well over on the {one}-hand side, away from the midline."}[style]


def depth_x(v: str, style: str, rng: random.Random) -> str:
    front = v == "anterior"
    if style == "mdt":
        return "ant." if front else "post."
    if style == "dictation":
        return rng.choice(["Ant. position." if front else "Post. position.",
                           "Lies ant., under the abdominal wall." if front else "Lies post., against the spine."])
    return ("It is anteriorly placed (towards the front)." if front else
            "It is posteriorly placed (towards the back).")


def rel_x(other: str, r: str, style: str, rng: random.Random) -> str:
    phrase = rng.choice({"anterior_to": [f"ant. to the {other}", f"in front of the {other}"],
                         "posterior_to": [f"post. to the {other}", f"deep to the {other}", f"behind the {other}"],
                         "left_of": [f"to the L of the {other}", f"leftward of the {other}"],
                         "right_of": [f"to the R of the {other}", f"rightward of the {other}"]}[r])
    if style == "mdt":
        return phrase
    if style == "dictation":
        return f"Lies {phrase}."
    return f"It lies {phrase.replace('ant.', 'anterior').replace('post.', 'posterior').replace(' L ', ' left ').replace(' R ', ' right ')}."


def pct_words(pct: float, rng: random.Random) -> str:
    if pct < 1:
        return rng.choice(["under one per cent", "well under one per cent", "a fraction of one per cent"])
    n = min(NUMW, key=lambda k: abs(k - pct))
    return rng.choice([f"some {NUMW[n]} per cent", f"approx. {NUMW[n]} per cent", f"c. {NUMW[n]} per cent"])


def size_x(sz: str, frac: float, style: str, rng: random.Random, wrong: bool) -> str:
    pct = frac * 100
    if wrong:
        big = sz != "large"
        pct = rng.choice([25.0, 30.0, 40.0]) if big else rng.choice([0.2, 0.3])
        sz = "large" if big else "small"
    cls = {"small": ["small", "diminutive"], "medium": ["moderate-sized", "of modest size"],
           "large": ["large", "sizeable"]}[sz]
    amount = pct_words(pct, rng) + " of the field"
    if sz == "large" and rng.random() < 0.5:
        amount = "c. " + min(FRAC, key=lambda k: abs(FRAC[k] - pct)) + " of the slice"
    if style == "mdt":
        return rng.choice([cls[0], f"approx. {pct:.0f}% of image" if pct >= 1 else "<1% of image", amount])
    if style == "dictation":
        return rng.choice([f"{cls[1].capitalize()}.", f"Occupies {amount}.", f"Accounts for {amount} (by eye)."])
    return rng.choice([f"It is {cls[0]} on this slice.", f"It occupies {amount}, by my reckoning."])


def count_x(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        return rng.choice({"mdt": ["single component", "x1, contiguous"],
                           "dictation": ["Single contiguous structure.", "One component only."],
                           "gpletter": ["It is a single, contiguous structure.", "It forms one continuous area."]}[style])
    w = NUMW[n]
    return rng.choice({"mdt": [f"{w} separate components", f"x{n}, discrete"],
                       "dictation": [f"{w.capitalize()} discrete components.", f"{w.capitalize()} separate foci."],
                       "gpletter": [f"There are {w} separate components.", f"It comprises {w} discrete areas."]}[style])


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s, name, noun, fn = p["side"], p["target"], p["noun"], p["fn"]
    other, r = rng.choice(p["rels"])
    items = {"side": side_x(s, style, rng), "depth": depth_x(p["vert"], style, rng),
             "relation": rel_x(other, r, style, rng), "size": size_x(p["size"], facts["area_fraction"], style, rng, False),
             "count": count_x(p["comps"], style, rng)}
    traps = list(p["other_kb"]) + [
        "(Images displayed in the usual radiological convention, R on the viewer's L.)",
        f"Measures {CM[name]}, for what it is worth.",
        f"Slice {rng.randint(20, 60)} of {rng.randint(70, 120)}; prior study from {rng.choice(['2019', '2021', 'March'])} not available for comparison.",
        "Two readers concurred.",
        "Suggest clinical correlation and review in three months.",
    ]
    if s in OPP:
        ab = "L" if OPP[s] == "left" else "R"
        traps += [f"No {ab}-sided abnormality.", f"Incidental small {ab} pleural effusion (not segmented)."]
    if p["comps"] == 1:
        traps.append("No satellite lesion seen.")
    expected = [defect] if defect else []
    q = rng.choice({"dictation": [f"Which {noun} {fn}? Segment it and dictate a brief report.",
                                  f"Please segment the {noun} that {fn} and report it."],
                    "gpletter": [f"Could you identify and segment the {noun} that {fn}, and write to the GP?",
                                 f"Which {noun} {fn}? Segment it and draft a letter to the referring GP."],
                    "mdt": [f"For the MDT: which {noun} {fn}? Segment it and minute the findings.",
                            f"Segment the {noun} that {fn} and write it up for the MDT minutes."]}[style])
    where_in = "first"
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"Please segment the {g} abnormality and dictate a report.",
                        f"For the MDT: segment the {g} finding and minute it.",
                        f"The GP mentions {g} symptoms. Could you segment the relevant {noun} and write back?"])
    elif defect and rng.random() < 0.25:
        where = {"laterality": (f"on the {OPP[s]}-hand side" if s in OPP else
                                ("on the left only" if s == "bilateral" else "lying well to the right")),
                 "size": "occupying most of the slice" if p["size"] != "large" else "which is only a few pixels in size",
                 "count": "seen as two separate components" if p["comps"] == 1 else "seen as a single component"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = "lying " + rel_x(o2, FLIP[r2], "mdt", rng)
        q = rng.choice([f"Which {noun} {where} {fn}? Segment it and report, please.",
                        f"For the MDT: segment the {noun} {where} (the one that {fn}) and minute it."])
    elif defect:
        key = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
        if defect == "laterality":
            bad = wrong_side_x(s, style, rng)
        elif defect == "size":
            bad = size_x(p["size"], facts["area_fraction"], style, rng, True)
        elif defect == "count":
            bad = count_x(2 if p["comps"] == 1 else 1, style, rng)
        elif rng.random() < 0.55:
            key = "relation"
            o2, r2 = rng.choice(p["rels"])
            bad = rel_x(o2, FLIP[r2], style, rng)
        else:
            key = "depth"
            bad = depth_x("posterior" if p["vert"] == "anterior" else "anterior", style, rng)
        items[key] = bad
        if rng.random() < 0.4:
            where_in = key
    keys = ["side", "depth", "relation", "size", "count"]
    if not defect:
        for k in rng.sample(keys, k=rng.randint(0, 2)):
            items[k] = None
    late = None
    if where_in != "first":
        late = items[where_in]
        items = dict(items, **{where_in: None})
    body = [items[k] for k in keys if items[k]]
    if style == "mdt":
        first = (f"MDT outcome - Radiology (Dr Hughes): {name} {SEG}; " + "; ".join(body) + ".\n"
                 f"Surgical view: {rng.choice(traps)}\nAction: {rng.choice(['rediscuss next week', 'repeat imaging in three months', 'no further action'])}.")
    elif style == "dictation":
        first = f"{name.capitalize()} {SEG} identified. " + " ".join(body) + f" ({rng.choice(traps)})"
    else:
        first = (f"Dear Dr {rng.choice(['Okafor', 'Patel', 'Whitfield'])},\n\nMany thanks for asking me to look at this "
                 f"slice. The highlighted structure is the {name} {SEG}. " + " ".join(body) +
                 f" {rng.choice(traps)}\n\nKind regards,\nDr M. Ashworth, Consultant Radiologist")
    follow_q = rng.choice({"dictation": ["Any addendum to the report?", "Anything further to add to the report?"],
                           "gpletter": ["Could you add a line on anything else of note?", "Anything else for the GP?"],
                           "mdt": ["Anything further from radiology?", "Any other points for the minutes?"]}[style])
    if late:
        if style == "mdt":
            second = f"Radiology addendum: on review, {late.rstrip('.')}. {rng.choice(traps)}"
        elif style == "dictation":
            second = f"Addendum: {late} {rng.choice(traps)}"
        else:
            second = f"Further to my letter: {late[0].lower() + late[1:]} {rng.choice(traps)}"
    else:
        second = " ".join(rng.sample(traps, 2))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": follow_q}, {"role": "assistant", "content": second}]
    if rng.random() < 0.35:
        turns += [{"role": "user", "content": rng.choice(["Is follow-up imaging needed?",
                                                          "Should we compare with any earlier imaging?"])},
                  {"role": "assistant", "content": rng.choice(traps)}]
    return turns, expected
