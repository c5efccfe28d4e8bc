"""Phrase bank AA of the QC corpus: a twenty-seventh voice, written by helper `qcw` AFTER its last QC rule change
(commit 0e278f1, after reading bank Z), measured once and never read: the headline of the final rules.

Three registers no earlier bank used:
- `reply`: an e-mail reply that quotes the earlier message line by line ("> On Tuesday Sam wrote: I think
  it's on the left?"), the quoted guesses sometimes wrong, then answers in its own words;
- `redline`: a markdown revision of a draft answer where wrong words are struck through and replaced
  ("It lies on the patient's ~~left~~ right."), with a change log;
- `bilingual`: every finding in English, then the same in Spanish ("EN: ... / ES: ...").

Defects (one false, plainly asserted claim per defective conversation, in the writer's own final words):
side (a bilateral mask called one-sided, a midline one lateral), depth and relations, size, count, the first
question naming the target; about a fifth of the other defects sit in a user question. Clean traps:
quoted earlier guesses, struck-through words, Spanish side words, the display convention, knowledge about
other structures. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
SEG = "[SEG]"
WORD = {1: "one", 2: "two", 3: "three"}
REL = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "to the patient's left of",
       "right_of": "to the patient's right of"}
ES_SIDE = {"left": "en el lado izquierdo del paciente", "right": "en el lado derecho del paciente",
           "midline": "en la línea media", "bilateral": "en ambos lados"}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.35:
        return next(p for p in profiles if p["side"] == "bilateral")
    if defect in ("count", None) and rng.random() < (0.45 if defect else 0.25):
        return rng.choice([p for p in profiles if p["comps"] > 1])
    return rng.choice(profiles)


def side_s(s: str) -> str:
    return {"left": "It lies on the patient's left.", "right": "It lies on the patient's right.",
            "midline": "It lies in the midline.", "bilateral": "It is present on both sides."}[s]


def wrong_side_s(s: str, rng: random.Random) -> str:
    if s in OPP:
        return side_s(OPP[s])
    one = rng.choice(["left", "right"])
    return f"It is only on the patient's {one} side." if s == "bilateral" else f"It lies off to the patient's {one}."


def size_s(sz: str, frac: float, rng: random.Random, wrong: bool) -> str:
    if wrong:
        return rng.choice(["It is tiny on this image.", "It covers about 0.3% of the image."]) if sz == "large" else \
            rng.choice(["It is very large on this image.", "It covers about 30% of the image."])
    pct = frac * 100
    return rng.choice([f"It is {sz} on this image.", f"It covers about {pct:.1f}% of the image."])


def count_s(n: int) -> str:
    return "It is a single connected region." if n == 1 else f"It is made of {WORD[n]} separate regions."


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s, name, noun, fn = p["side"], p["target"], p["noun"], p["fn"]
    other, r = rng.choice(p["rels"])
    items = {"side": side_s(s), "depth": "It sits towards the front." if p["vert"] == "anterior" else
             "It sits towards the back.", "relation": f"It lies {REL[r]} the {other}.",
             "size": size_s(p["size"], facts["area_fraction"], rng, False), "count": count_s(p["comps"])}
    expected = [defect] if defect else []
    q = {"reply": f"Which {noun} {fn}? Segment it, and please answer Sam's e-mail below.",
         "redline": f"Which {noun} {fn}? Segment it and correct the draft answer.",
         "bilingual": f"Which {noun} {fn}? Segment it and explain in English and Spanish."}[style]
    if defect == "names_target":
        q = f"Segment the {rng.choice(p['giveaway'])} region and answer in the usual format."
    elif defect and rng.random() < 0.22:
        where = {"laterality": (f"on the patient's {OPP[s]} side" if s in OPP else
                                ("on one side only" if s == "bilateral" else "on the patient's right")),
                 "size": "that fills most of the image" if p["size"] != "large" else "that is only a speck",
                 "count": "in two separate pieces" if p["comps"] == 1 else "in a single piece"}.get(defect)
        if defect == "position":
            o2, r2 = rng.choice(p["rels"])
            where = f"lying {REL[FLIP[r2]]} the {o2}"
        q = f"Which {noun} {where} {fn}? Segment it."
    elif defect:
        if defect == "laterality":
            items["side"] = wrong_side_s(s, rng)
        elif defect == "size":
            items["size"] = size_s(p["size"], facts["area_fraction"], rng, True)
        elif defect == "count":
            items["count"] = count_s(2 if p["comps"] == 1 else 1)
        elif rng.random() < 0.55:
            o2, r2 = rng.choice(p["rels"])
            items["relation"] = f"It lies {REL[FLIP[r2]]} the {o2}."
        else:
            items["depth"] = "It sits towards the back." if p["vert"] == "anterior" else "It sits towards the front."
    keys = list(items)
    if not defect:
        for k in rng.sample(keys, k=rng.randint(0, 2)):
            items[k] = None
    body = [items[k] for k in keys if items[k]]
    kb = rng.choice(p["other_kb"])
    if style == "reply":
        guess = rng.choice([f"I think it's on the {OPP.get(s, 'left')}?", "Is it in two bits?", "Looks huge to me."])
        first = (f"> On Tuesday Sam wrote:\n> {guess}\n> Can you check?\n\nHi Sam, it is the {name} {SEG}. "
                 + " ".join(body) + f" {kb}\n\nBest, Alex")
    elif style == "redline":
        wrong_word = {"left": "right", "right": "left"}
        struck = []
        for t in body:
            for w in ("left", "right"):
                if f"patient's {w}" in t and rng.random() < 0.5:
                    t = t.replace(f"patient's {w}", f"patient's ~~{wrong_word[w]}~~ {w}", 1)
                    break
            struck.append(t)
        first = (f"**Revised answer:** the {name} {SEG}.\n" + "\n".join(f"- {t}" for t in struck) +
                 f"\n\n_Change log: corrected the side wording; removed a duplicated sentence._ {kb}")
    else:
        es = {"side": ES_SIDE[s]}
        lines = [f"EN: This is the {name} {SEG}. " + " ".join(body)]
        lines.append(f"ES: Es {'la' if name in ('liver lesion', 'aorta', 'vena cava') else 'el'} {name} "
                     f"(estructura marcada), {es['side']}.")
        lines.append(f"EN: {kb}")
        first = "\n".join(lines)
    follow = rng.choice(["Anything else I should tell Sam?", "Any other corrections?", "Anything more to add?"])
    second = rng.choice(p["other_kb"]) + " On screen, the patient's right is shown on the viewer's left."
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": follow}, {"role": "assistant", "content": second}]
    return turns, expected
