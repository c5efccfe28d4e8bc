"""Phrase bank Z of the QC corpus: a twenty-sixth voice, written by helper `qcw` AFTER its last QC rule change
(commit 16d2788, after reading bank Y), measured once and never read: the headline of that round.

Three registers no earlier bank used:
- `summary`: a clinical summary where the imaging line sits among vital signs and lab results that carry
  their own percentages and numbers ("SpO2 97% on air", "HR 88", "Hb 10.9", "CRP 45", "BMI 31");
- `code`: an assistant that answers with a Python snippet: a dict or assignments with snake_case names
  and comments (`side = "left"  # patient's left`, `n_components = 2`, `area_pct = 3.1`);
- `picklist`: a structured-reporting template with tick boxes, one ticked per row
  ("Laterality: [ ] Left [x] Right [ ] Bilateral").

Defects (one false, plainly asserted claim per defective conversation): side (a bilateral mask called
one-sided, a midline one lateral), depth and relations, size (class words, percent), count, the first
question naming the target; about a fifth of the other defects sit in a user question. Bilateral and
multi-region masks are weighted up. Clean traps: vital signs and lab percentages, unticked boxes, code
comments about conventions, other structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
SEG = "[SEG]"
WORD = {1: "one", 2: "two", 3: "three"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.35:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.45 if defect else 0.25):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def facts_of(p: dict, facts: dict, rng: random.Random) -> dict:
    other, r = rng.choice(p["rels"])
    return {"side": p["side"], "vert": p["vert"], "rel": (other, r), "size": p["size"],
            "pct": round(facts["area_fraction"] * 100, 1), "comps": p["comps"]}


def corrupt(p: dict, f: dict, defect: str, rng: random.Random) -> dict:
    f = dict(f)
    if defect == "laterality":
        f["side"] = OPP.get(p["side"]) or ("left_only" if p["side"] == "bilateral" else rng.choice(["left", "right"]))
    elif defect == "position":
        if rng.random() < 0.55:
            o, r = rng.choice(p["rels"])
            f["rel"] = (o, FLIP[r])
        else:
            f["vert"] = "posterior" if p["vert"] == "anterior" else "anterior"
    elif defect == "size":
        if p["size"] == "large":
            f["size"], f["pct"] = "small", rng.choice([0.2, 0.4])
        else:
            f["size"], f["pct"] = "large", rng.choice([28.0, 35.0])
    elif defect == "count":
        f["comps"] = 2 if p["comps"] == 1 else 1
    return f


REL_WORDS = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "left of", "right_of": "right of"}
VITALS = ["SpO2 97% on air, HR 88, BP 132/84.", "Sats 95% on 2 L, RR 18, temp 37.9.", "HR 102, SpO2 99%, BP 110/70."]
LABS = ["Hb 10.9, WCC 13.2, CRP 45.", "Creatinine 98, eGFR 71, HbA1c 6.8%.", "Bilirubin 14, ALT 32, lipase 40."]


def side_text(s: str) -> str:
    return {"left": "left", "right": "right", "midline": "midline", "bilateral": "bilateral",
            "left_only": "left only"}[s]


def summary(name, f, keep, traps, rng):
    bits = [f"{name} {SEG}"]
    if "side" in keep:
        bits.append(f"{side_text(f['side'])}-sided" if f["side"] in ("left", "right") else side_text(f["side"]))
    if "vert" in keep:
        bits.append(f["vert"])
    if "rel" in keep:
        bits.append(f"{REL_WORDS[f['rel'][1]]} the {f['rel'][0]}")
    if "size" in keep:
        bits.append(rng.choice([f["size"], f"about {f['pct']}% of the image"]))
    if "comps" in keep:
        bits.append("single region" if f["comps"] == 1 else f"{WORD[f['comps']]} separate regions")
    return "\n".join([f"Clinical summary (day {rng.randint(2, 9)})", f"Obs: {rng.choice(VITALS)}",
                      f"Bloods: {rng.choice(LABS)}", "Imaging: " + ", ".join(bits) + ".",
                      f"Plan: {rng.choice(['repeat bloods tomorrow', 'IV fluids, review at 6 pm', 'discuss at MDT'])}.",
                      rng.choice(traps)])


def code(name, f, keep, traps, rng):
    lines = ["```python", f'structure = "{name}"  # {SEG}']
    if "side" in keep:
        lines.append(f'side = "{side_text(f["side"])}"  # patient frame, not screen frame')
    if "vert" in keep:
        lines.append(f'depth = "{f["vert"]}"')
    if "rel" in keep:
        lines.append(f'neighbour = ("{f["rel"][0]}", "{f["rel"][1]}")  # ({f["rel"][0]}, relation)')
    if "size" in keep:
        lines.append(rng.choice([f'size_class = "{f["size"]}"', f"area_pct = {f['pct']}  # share of the image"]))
    if "comps" in keep:
        lines.append(f"n_components = {f['comps']}")
    lines += ["```", rng.choice(traps)]
    return "\n".join(lines)


def picklist(name, f, keep, traps, rng):
    def row(label, options, chosen):
        return f"{label}: " + " ".join(f"[{'x' if o.lower() == chosen else ' '}] {o}" for o in options)
    lines = [f"Structure: {name} {SEG}"]
    if "side" in keep:
        chosen = {"left_only": "left"}.get(f["side"], f["side"])
        lines.append(row("Laterality", ["Left", "Right", "Midline", "Bilateral"], chosen))
    if "vert" in keep:
        lines.append(row("Depth", ["Anterior", "Posterior"], f["vert"]))
    if "size" in keep:
        lines.append(row("Size on this image", ["Small", "Medium", "Large"], f["size"]))
    if "comps" in keep:
        lines.append(row("Components", ["1", "2", "3"], str(f["comps"])))
    if "rel" in keep:
        lines.append(f"Relation: {REL_WORDS[f['rel'][1]]} the {f['rel'][0]}")
    lines.append(f"Comment: {rng.choice(traps)}")
    return "\n".join(lines)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s, name, noun, fn = p["side"], p["target"], p["noun"], p["fn"]
    f = facts_of(p, facts, rng)
    keep = ["side", "vert", "rel", "size", "comps"]
    traps = list(p["other_kb"]) + ["Displayed in radiological convention (patient's right on the viewer's left).",
                                   "Previous imaging not available.", "Reported by the on-call registrar."]
    expected = [defect] if defect else []
    q = {"summary": f"Which {noun} {fn}? Segment it and add it to the clinical summary.",
         "code": f"Which {noun} {fn}? Segment it and give me the result as Python.",
         "picklist": f"Which {noun} {fn}? Segment it and fill in the structured report template."}[style]
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"Segment the {g} area and add it to the summary.", f"Return Python for the {g} structure mask.",
                        f"Fill in the template for the {g} region on this slice."])
    elif defect and rng.random() < 0.22:
        where = {"laterality": (f"on the patient's {OPP[s]} side" if s in OPP else
                                ("on one side only" if s == "bilateral" else "on the patient's right side")),
                 "size": "taking up most of the image" if p["size"] != "large" else "that is just a speck",
                 "count": "in two separate pieces" if p["comps"] == 1 else "in a single piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"lying {REL_WORDS[FLIP[r2]]} the {o2}"
        q = f"Which {noun} {where} {fn}? Segment it."
    elif defect:
        f = corrupt(p, f, defect, rng)
    if not defect:
        for k in rng.sample(keep, k=rng.randint(0, 2)):
            keep.remove(k)
    first = {"summary": summary, "code": code, "picklist": picklist}[style](name, f, keep, traps, rng)
    follow = rng.choice(["Anything else relevant?", "Any caveats I should know about?"])
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": follow}, {"role": "assistant", "content": " ".join(rng.sample(traps, 2))}]
    return turns, expected
