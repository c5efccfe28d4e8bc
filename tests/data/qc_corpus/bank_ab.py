"""Phrase bank AB of the QC corpus: a twenty-eighth voice, written by helper `qcw` AFTER its last QC rule change
(commit 5d60ef5, after reading bank AA), measured once and never read: the headline of the final rules.

Three registers no earlier bank used:
- `csv`: an answer that returns a CSV header and one row (`target,side,depth,area_pct,components`), then a
  sentence of commentary;
- `outline`: a decimal-numbered outline ("1.1 Laterality — patient's left", "1.2 Depth — posterior",
  "2.1 Extent — ..."), em dashes between heading and value;
- `citation`: an academic paragraph with bracketed references ("[1]", "[2, 3]"), "et al.", "cf." and
  "i.e." asides, the findings stated among the citations.

Defects (one false, plainly asserted claim per defective conversation): side (a bilateral mask called
one-sided, a midline one lateral), depth and relations, size, count, the first question naming the target;
about a fifth of the other defects sit in a user question. Clean traps: reference numbers, section numbers,
sizes and sides from the literature about other people, the display convention, knowledge about other
structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
SEG = "[SEG]"
WORD = {1: "one", 2: "two", 3: "three"}
REL = {"anterior_to": "anterior to", "posterior_to": "posterior to", "left_of": "to the left of",
       "right_of": "to the right of"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.35:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.45 if defect else 0.25):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s, name, noun, fn = p["side"], p["target"], p["noun"], p["fn"]
    other, r = rng.choice(p["rels"])
    v = {"side": s, "depth": p["vert"], "rel": (other, r), "size": p["size"], "pct": round(facts["area_fraction"] * 100, 1),
         "comps": p["comps"]}
    expected = [defect] if defect else []
    q = {"csv": f"Which {noun} {fn}? Segment it and return the findings as CSV.",
         "outline": f"Which {noun} {fn}? Segment it and give me a numbered outline.",
         "citation": f"Which {noun} {fn}? Segment it and write a short paragraph with references."}[style]
    if defect == "names_target":
        q = f"Segment the {rng.choice(p['giveaway'])} region and answer in the requested format."
    elif defect and rng.random() < 0.22:
        where = {"laterality": (f"on the patient's {OPP[s]} side" if s in OPP else
                                ("confined to one side" if s == "bilateral" else "on the patient's left side")),
                 "size": "occupying most of the image" if p["size"] != "large" else "that is a few pixels wide",
                 "count": "in two separate pieces" if p["comps"] == 1 else "in a single piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"lying {REL[FLIP[r2]]} the {o2}"
        q = f"Which {noun} {where} {fn}? Segment it."
    elif defect:
        if defect == "laterality":
            v["side"] = OPP.get(s) or ("left only" if s == "bilateral" else rng.choice(["left", "right"]))
        elif defect == "size":
            v["size"], v["pct"] = ("small", 0.3) if p["size"] == "large" else ("large", rng.choice([30.0, 40.0]))
        elif defect == "count":
            v["comps"] = 2 if p["comps"] == 1 else 1
        elif rng.random() < 0.55:
            o2, r2 = rng.choice(p["rels"])
            v["rel"] = (o2, FLIP[r2])
        else:
            v["depth"] = "posterior" if p["vert"] == "anterior" else "anterior"
    drop = set() if defect else set(rng.sample(["side", "depth", "rel", "size", "comps"], k=rng.randint(0, 2)))
    kb = rng.choice(p["other_kb"])
    if style == "csv":
        cols = [c for c in ("side", "depth", "area_pct", "components") if
                c not in drop and not (c == "area_pct" and "size" in drop) and not (c == "components" and "comps" in drop)]
        val = {"side": v["side"], "depth": v["depth"], "area_pct": str(v["pct"]), "components": str(v["comps"])}
        first = (f"Segmented: {name} {SEG}\n\n```csv\ntarget," + ",".join(cols) + f"\n{name}," +
                 ",".join(val[c] for c in cols) + "\n```\n")
        if "rel" not in drop:
            first += f"Commentary: it lies {REL[v['rel'][1]]} the {v['rel'][0]}. "
        first += kb
    elif style == "outline":
        lines = [f"1. Identification — {name} {SEG}"]
        n = 1
        for key, label, text in (("side", "Laterality", f"{v['side']}" + ("-sided" if v["side"] in OPP else "")),
                                 ("depth", "Depth", v["depth"]),
                                 ("rel", "Neighbour", f"{REL[v['rel'][1]]} the {v['rel'][0]}")):
            if key not in drop:
                lines.append(f"1.{n} {label} — {text}")
                n += 1
        lines.append("2. Extent")
        n = 1
        if "size" not in drop:
            lines.append(f"2.{n} Size on this slice — " + rng.choice([v["size"], f"about {v['pct']}% of the image"]))
            n += 1
        if "comps" not in drop:
            lines.append(f"2.{n} Components — " + ("one connected region" if v["comps"] == 1 else
                                                   f"{WORD[v['comps']]} separate regions"))
        lines.append(f"3. Note — {kb}")
        first = "\n".join(lines)
    else:
        parts = [f"The segmented structure is the {name} {SEG} [1]."]
        if "side" not in drop:
            parts.append({"left": "It lies on the patient's left, as expected [2].",
                          "right": "It lies on the patient's right, as expected [2].",
                          "midline": "It lies in the midline [2].",
                          "bilateral": "It is bilateral, i.e. present on both sides [2].",
                          "left only": "It is confined to the patient's left only [2]."}[v["side"]])
        if "depth" not in drop:
            parts.append(f"Its position is {v['depth']} (cf. Smith et al. [3]).")
        if "rel" not in drop:
            parts.append(f"It lies {REL[v['rel'][1]]} the {v['rel'][0]} [2, 4].")
        if "size" not in drop:
            parts.append(rng.choice([f"On this slice it is {v['size']} [5].",
                                     f"It occupies approximately {v['pct']}% of the image [5]."]))
        if "comps" not in drop:
            parts.append("It forms a single connected region." if v["comps"] == 1 else
                         f"It comprises {WORD[v['comps']]} separate regions.")
        parts.append(f"In a cohort of 312 adults, Lee et al. reported a mean length of 11 cm [6]. {kb}")
        first = " ".join(parts)
    follow = rng.choice(["Any limitations to mention?", "Anything to add for the reader?"])
    second = ("Limitations: a single axial slice; the patient's right is displayed on the viewer's left. "
              + rng.choice(p["other_kb"]))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": follow}, {"role": "assistant", "content": second}]
    return turns, expected
