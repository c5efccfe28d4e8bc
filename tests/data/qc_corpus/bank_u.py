"""Phrase bank U of the QC corpus: a twenty-first voice, written blind by helper `qc4` AFTER its last QC rule
change (commit aa376e6, made after reading bank T), measured once and never read: the round's headline.

One persona, a clinician writing notes, in three surface forms:
- `soap`: S/O/A/P lines ("O: mask over the patient's left, posterior, ~2% of image, 1 piece");
- `problem`: a problem list ("#1 Spleen - left-sided, medium") with numbered items and a plan;
- `handover`: a spoken-style handover paragraph ("Quick handover: spleen, sitting on the left, ...").

One false, plainly asserted claim per defective conversation (side, a bilateral mask on one side only,
depth, relations, size, count, claims in the first question, the first question naming the target).
Clean traps: confidence percentages, bed and problem numbers, times, plans to compare sides, the
display convention, knowledge about other structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
SEG = "[SEG]"
REL = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "left of", "right_of": "right of"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.3:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.4 if defect else 0.15):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_w(s: str, style: str) -> str:
    if style == "handover":
        return {"left": "sitting on the left", "right": "sitting on the right", "midline": "sitting midline",
                "bilateral": "present on both sides"}[s]
    return {"left": "left-sided", "right": "right-sided", "midline": "midline", "bilateral": "bilateral"}[s]


def wrong_side_w(s: str, style: str, rng: random.Random) -> str:
    if s in OPP:
        return side_w(OPP[s], style)
    one = rng.choice(["left", "right"])
    if s == "bilateral":
        return f"on the {one} only" if style == "handover" else f"{one}-sided only"
    return f"sitting well over to the {one}" if style == "handover" else f"{one}-sided, off midline"


def vert_w(v: str) -> str:
    return "anterior" if v == "anterior" else "posterior"


def size_w(sz: str, frac: float, rng: random.Random, wrong: bool) -> str:
    if wrong:
        return rng.choice(["small", "~0.2% of image"]) if sz == "large" else rng.choice(["large", "~30% of image"])
    return rng.choice([{"small": "small", "medium": "medium", "large": "large"}[sz], f"~{frac * 100:.1f}% of image"])


def count_w(n: int, wrong: bool) -> str:
    if wrong:
        n = 2 if n == 1 else 1
    return "1 piece" if n == 1 else f"{n} pieces"


def render(style: str, name: str, f: dict, rng: random.Random) -> list[str]:
    """The findings as lines of the style; `f` holds side, depth, relation, size, count phrases (or None)."""
    keep = [k for k in ("side", "depth", "relation", "size", "count") if f.get(k)]
    if style == "soap":
        return ["O: mask " + ", ".join(f[k] for k in keep) + "."]
    if style == "problem":
        return [f"#1 {name.capitalize()} - " + ", ".join(f[k] for k in keep)]
    return ["Quick handover: " + name + ", " + ", ".join(f[k] for k in keep) + "."]


GIVE = {"liver": "a liver biopsy", "spleen": "a splenectomy plan", "left kidney": "a left nephrectomy",
        "right kidney": "a right nephrectomy", "aorta": "an aortic stent", "pancreas": "a pancreas transplant",
        "gallbladder": "a gallbladder removal", "stomach": "a stomach tube", "inferior vena cava": "an IVC filter",
        "liver lesion": "liver lesions", "kidney": "kidney dialysis", "kidney cyst": "a kidney cyst"}


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    frac = facts["area_fraction"]
    f = {"side": side_w(s, style), "depth": vert_w(p["vert"]), "relation": f"{REL[r]} the {other}",
         "size": size_w(p["size"], frac, rng, False), "count": count_w(p["comps"], False)}
    q = rng.choice(["Write it up as a note: which {noun} {fn}? Segment it.",
                    "Which {noun} {fn}? Segment it and give me a quick handover.",
                    "Problem list please: which {noun} {fn}? Please segment it."]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    extra = None
    if defect == "names_target":
        q = f"Patient booked for {GIVE[p['target']]}. Which {p['noun']} is relevant? Segment it."
    elif defect and rng.random() < 0.2:
        where = {"laterality": f"on the patient's {OPP[s]}" if s in OPP else
                 ("on the left only" if s == "bilateral" else "over on the patient's right"),
                 "size": "that looks large" if p["size"] != "large" else "that looks tiny",
                 "count": "in two pieces" if p["comps"] == 1 else "in one piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"{REL[FLIP[r2]]} the {o2}"
        q = f"Which {p['noun']} {where} {p['fn']}? Segment it and write a note."
    elif defect:
        wrong = {"laterality": ("side", wrong_side_w(s, style, rng)),
                 "size": ("size", size_w(p["size"], frac, rng, True)),
                 "count": ("count", count_w(p["comps"], True))}.get(defect)
        if defect == "position":
            if rng.random() < 0.5:
                o2, r2 = rng.choice(p["rels"])
                wrong = ("relation", f"{REL[FLIP[r2]]} the {o2}")
            else:
                wrong = ("depth", vert_w("posterior" if p["vert"] == "anterior" else "anterior"))
        if rng.random() < 0.7:
            f[wrong[0]] = wrong[1]
        else:
            extra = {"soap": f"A: on review, {wrong[1]}.", "problem": f"#2 Note - {wrong[1]}",
                     "handover": f"Oh, and it's {wrong[1]}."}[style]
    drop = [] if (defect and not extra) else rng.sample(["depth", "relation", "size", "count"], k=rng.randint(0, 2))
    for k in drop:
        f[k] = None
    lines = render(style, p["target"], f, rng)
    t = list(p["other_kb"]) + [f"Confidence in the segmentation: {rng.choice([85, 90, 95])}%.",
                               f"Bed {rng.randint(2, 30)}, seen at 0{rng.randint(7, 9)}:30.",
                               "P: compare the left and right sides on the next scan.",
                               "Display note: the patient's right is on the screen's left."]
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(t))
    lead = {"soap": "S: asked to segment. Segmented the {name} {seg}.", "problem": "Segmented: the {name} {seg}.",
            "handover": "Right, segmented the {name} {seg}."}[style].format(name=p["target"], seg=SEG)
    sep = " " if style == "handover" else "\n"
    first = lead + sep + sep.join(lines)
    second = rng.sample(t, k=2)
    if extra:
        second.insert(rng.randrange(3), extra)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(["Anything to add to the note?", "Any other points for handover?"])},
             {"role": "assistant", "content": sep.join(second)}]
    return turns, expected
