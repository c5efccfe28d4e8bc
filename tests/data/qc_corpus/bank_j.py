"""Phrase bank J of the QC corpus: a tenth voice, written blind by helper `qc2` after bank I's false
flags had been read and fixed, and kept held-out (never tuned on).

Four registers (step-by-step LLM reasoning with numbered steps, patient-friendly lay language that
addresses the patient as "you", key=value shorthand, Socratic back-and-forth), and clean traps not used
before: quoted labels, growth over time, findings in other organs with their own sizes and sides, the
number of other structures visible, image halves described truthfully, "neither ... nor" sizes,
corrections that name the other-sided organ, and hedged near-midline positions. Each defective
conversation carries exactly one false, plainly asserted claim about the target. Imports nothing from
`medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
IMG = {"left": "right", "right": "left"}  # LP display: the patient's left shows on the image's right


def side_text(s: str, style: str) -> str:
    if s in OPP:
        return {"steps": f"Step 2 - side: the structure lies on the patient's {s}.",
                "lay": f"It sits on your {s} side.",
                "kv": f"side={s}", "socratic": f"So which side is it on? The patient's {s}, as the mask shows."}[style]
    if s == "midline":
        return {"steps": "Step 2 - side: the structure lies in the midline.", "lay": "It sits in the middle of your body.",
                "kv": "side=midline", "socratic": "So which side is it on? Neither: it sits in the midline."}[style]
    return {"steps": "Step 2 - side: the structure lies on both sides of the patient.",
            "lay": "You have one on each side, left and right.", "kv": "side=bilateral",
            "socratic": "So which side is it on? Both: there is one on each side."}[style]


def wrong_side(s: str, style: str) -> str:
    if s in OPP:
        return side_text(OPP[s], style)
    bad = "left" if s == "midline" else "right"
    extra = "" if s == "midline" else " only"
    return {"steps": f"Step 2 - side: the structure lies on the patient's {bad}{extra}.",
            "lay": f"It sits on your {bad} side{extra}.", "kv": f"side={bad}{extra.replace(' ', '_')}",
            "socratic": f"So which side is it on? The patient's {bad}{extra}, as the mask shows."}[style]


def vert_text(v: str, style: str) -> str:
    front = v == "anterior"
    return {"steps": f"Step 3 - depth: it is {'anterior' if front else 'posterior'}.",
            "lay": f"It is {'near the front of your tummy' if front else 'towards your back'}.",
            "kv": f"depth={'anterior' if front else 'posterior'}",
            "socratic": f"Front or back? {'Front' if front else 'Back'}: it sits {'anteriorly' if front else 'posteriorly'}."}[style]


def rel_text(other: str, r: str, style: str) -> str:
    w = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
         "right_of": "to the patient's right of"}[r]
    return {"steps": f"Step 4 - neighbours: it lies {w} the {other}.", "lay": f"It sits {w} your {other}.",
            "kv": f"relation={w.replace(' ', '_')}_{other.replace(' ', '_')}",
            "socratic": f"And its neighbour? It lies {w} the {other}."}[style]


def size_text(sz: str, frac: float, style: str, rng: random.Random, wrong: bool = False) -> str:
    p = frac * 100
    if wrong:
        sz = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sz]
        p = {"small": 0.15, "large": 42.0}[sz]
    word = {"small": "small", "medium": "medium", "large": "large"}[sz]
    if rng.random() < 0.5:
        return {"steps": f"Step 5 - size: {word}.", "lay": f"On this picture it looks {word}.", "kv": f"size={word}",
                "socratic": f"Is it big? It is {word} on this slice."}[style]
    return {"steps": f"Step 5 - size: about {p:.1f}% of the image.",
            "lay": f"It takes up about {p:.1f} percent of the picture.", "kv": f"area={p:.1f}%",
            "socratic": f"How much of the slice? About {p:.1f}% of it."}[style]


def count_text(n: int, style: str) -> str:
    if n == 1:
        return {"steps": "Step 6 - pieces: one connected region.", "lay": "It shows up as one single piece.",
                "kv": "regions=1", "socratic": "In how many pieces? Just one connected region."}[style]
    return {"steps": f"Step 6 - pieces: {NUMW[n]} separate regions.", "lay": f"It shows up as {NUMW[n]} separate pieces.",
            "kv": f"regions={n}", "socratic": f"In how many pieces? {NUMW[n].capitalize()} separate regions."}[style]


def traps(p: dict, rng: random.Random) -> list[str]:
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    out += ["The report template has a box labelled 'left/right', which I filled in.",
            "Compared with last year, nothing has grown.",
            "The other slices were not reviewed."]
    if s in OPP:
        o = OPP[s]
        other_organ = "kidney" if "kidney" not in tgt else "adrenal gland"
        out += [f"It is not the {o} {other_organ}; that one is outside the mask.",
                f"On this picture the {IMG[s]} half of the image holds it, which is the patient's {s}.",
                f"A large cyst sits in the {o} {other_organ}, separate from it.",
                f"The patient's {o} side shows nothing of note."]
    else:
        out += ["It sits just slightly left of the centre line, which is normal." if s == "midline" else
                "Both sides look symmetrical.",
                "A large cyst sits in the liver, separate from it."]
    if p["size"] == "large":
        out += ["It is neither small nor medium here.", "Two small bowel loops lie next to it."]
    else:
        out += ["It is neither huge nor filling the picture.", "The liver is a large organ; this one is not."]
    if p["comps"] == 1:
        out += ["Both kidneys are visible on this slice.", "Three lymph nodes are visible elsewhere on the image."]
    else:
        out += [f"There are {NUMW[p['comps']]} of them, not one."]
    return out


Q = {"steps": ["Reason step by step: which {noun} {fn}? Then segment it.",
               "Work through it: which {noun} on this image {fn}? Segment it at the end."],
     "lay": ["Could you show me the {noun} in my scan that {fn}? Please segment it.",
             "My doctor asked which {noun} {fn}. Can you point it out and segment it?"],
     "kv": ["task=segment; which {noun} {fn}?", "Give key=value notes and segment the {noun} that {fn}."],
     "socratic": ["Let's reason together: which {noun} {fn}? Segment it.",
                  "Which {noun} {fn}, and why? Please segment it."]}
WRONG_Q = ["Reason step by step: which {noun} on the patient's {o} {fn}? Then segment it.",
           "Could you show me the {noun} on the patient's {o} that {fn}? Please segment it."]
GIVE = {"liver": ["a fatty liver", "hepatic steatosis"], "spleen": ["an enlarged spleen", "splenic cysts"],
        "left kidney": ["kidney infection", "renal stones"], "right kidney": ["kidney infection", "renal stones"],
        "aorta": ["an aortic aneurysm", "aortic plaque"], "pancreas": ["pancreatic inflammation", "a pancreas tumour"],
        "gallbladder": ["gallbladder sludge", "a gallbladder polyp"], "stomach": ["a stomach bleed", "gastric reflux"],
        "inferior vena cava": ["a clot in the IVC", "IVC narrowing"],
        "liver lesion": ["liver spots", "hepatic metastases"], "kidney": ["kidney failure", "renal scarring"],
        "kidney cyst": ["a kidney cyst", "renal cysts"]}
LEAD = {"steps": "Step 1 - identify: the {name} {seg}.", "lay": "This is your {name} {seg}.",
        "kv": "target={name} {seg}", "socratic": "Which one fits? The {name} {seg}."}
FOLLOW = ["Is there anything else worth mentioning?", "What else can you tell me about the picture?",
          "Could anything here be misleading?", "Any other findings on the slice?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style), "vertical": vert_text(p["vert"], style), "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, rng), "count": count_text(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"I was told I have {rng.choice(GIVE[p['target']])}. Which {p['noun']} is that? Please segment it."
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        else:
            parts["side"] = wrong_side(s, style)
    elif defect == "position":
        if rng.random() < 0.5:
            parts["relation"] = rel_text(other, FLIP[r], style)
        else:
            parts["vertical"] = vert_text("posterior" if p["vert"] == "anterior" else "anterior", style)
    elif defect == "size":
        parts["size"] = size_text(p["size"], facts["area_fraction"], style, rng, wrong=True)
    elif defect == "count":
        parts["count"] = count_text(2 if p["comps"] == 1 else 1, style)
    t = traps(p, rng)
    extra = rng.sample(t, k=2)
    if style == "steps":  # numbered steps keep their order; remarks come after
        body = LEAD[style].format(name=p["target"], seg="[SEG]") + "\n" + "\n".join(
            parts[k] for k in ("side", "vertical", "relation", "size", "count")) + "\nNotes: " + " ".join(extra)
    elif style == "kv":
        items = [parts[k] for k in parts]
        rng.shuffle(items)
        body = LEAD[style].format(name=p["target"], seg="[SEG]") + "; " + "; ".join(items) + ". " + " ".join(extra)
    else:
        items = [parts[k] for k in parts] + extra
        rng.shuffle(items)
        body = LEAD[style].format(name=p["target"], seg="[SEG]") + " " + " ".join(items)
    follow = " ".join(rng.sample(t, k=3))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": follow}]
    return turns, expected
