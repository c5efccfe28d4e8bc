"""Phrase bank N of the QC corpus: a fourteenth voice, written blind by helper `qc4` BEFORE reading any QC
rule code (only make_corpus.py's row format and bank_m.py's output format were looked at).

Three personas, each its own grammar and vocabulary:
- `esl`: a writer whose English is a second language (missing articles, "it stay at", "more small",
  "two separated piece", "at patient left side");
- `mdllm`: a verbose assistant with markdown: headings, bold labels, bullet and numbered lists that
  announce how many points follow ("Here are **three** key observations"), tips and block quotes;
- `abbrev`: a terse report full of abbreviations (Lt/Rt, B/L, ant./post., FOV, x2, NAD, pt, contralat.).

Defect kinds: side (incl. a bilateral mask called one-sided and a midline one called lateral), vertical
position and relations (also inside the first question), size (class words, area percent in digits and
in words, fractions of the image, "the biggest/smallest structure" comparisons), count ("two separated
pieces" for 1 region, "a single connected structure" for 2 or 3) and the first question naming the
target. Claims of any kind may sit in the first question. Clean conversations carry traps: counted list
items, slice numbers, negated other sides, the display convention, comparisons with other organs that
are true, generic knowledge, knowledge sentences about other structures. Each defective conversation
carries exactly one false, plainly asserted claim about the target. Imports nothing from `medseg_qa.qc`.
"""

from __future__ import annotations

import math
import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
TENS = {20: "twenty", 30: "thirty", 40: "forty"}
SEG = "[SEG]"


def word(n: int) -> str:
    if n <= 20:
        return WORDS[n]
    t, u = divmod(n, 10)
    return TENS[t * 10] + ("" if u == 0 else "-" + WORDS[u])


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    """Enough bilateral and multi-region masks: a third of side and count defects (and a sixth of clean
    rows) use a mask of 2 or 3 parts."""
    multi = [p for p in profiles if p["comps"] > 1]
    share = {"laterality": 0.34, "count": 0.45}.get(defect or "", 0.17 if defect is None else 0.1)
    if rng.random() < share:
        if defect == "laterality":
            return next(p for p in profiles if p["side"] == "bilateral")
        return rng.choice(multi)
    return rng.choice(profiles)


# --- true area in prose -------------------------------------------------------------------------------

def pct_true(frac: float, rng: random.Random, style: str) -> str:
    p = frac * 100
    if p < 1:
        opts = ["less than one percent", "under 1 %", f"{p:.1f} %", "a fraction of one percent",
                "not even one percent"]
    else:
        r = round(p)
        opts = [f"{p:.1f}%", f"{p:.1f} percent"]
        if abs(r - p) / p <= 0.12:
            opts.append(f"about {word(r)} percent")
        else:
            opts.append(f"between {word(math.floor(p))} and {word(math.ceil(p))} percent")
        if 9 <= p <= 11:
            opts.append("about one tenth")
        if 18.5 <= p <= 21.5:
            opts.append("roughly a fifth")
        if 23.5 <= p <= 26.5:
            opts.append("around a quarter")
    if style == "abbrev":
        opts = [f"{p:.1f}%", f"{p:.2f} pct"] + opts[:1]
    return rng.choice(opts)


def pct_wrong(size: str, rng: random.Random) -> str:
    if size == "large":
        return rng.choice(["less than one percent", "about half a percent", "0.3 %", "a tiny fraction of one percent",
                           "zero point four percent"])
    return rng.choice(["about thirty percent", "roughly a quarter", "nearly half", "some 35 %",
                       "around twenty-five percent", "more than forty percent", "about one third"])


# --- true facts, per persona ---------------------------------------------------------------------------

REL_W = {
    "esl": {"anterior_to": ["in front of", "located front of", "before (more front than)"],
            "posterior_to": ["behind of", "at back of", "located back of"],
            "left_of": ["on patient left of", "more to left (patient side) than"],
            "right_of": ["on patient right of", "more to right (patient side) than"]},
    "mdllm": {"anterior_to": ["**anterior** to", "in front of", "ventral to"],
              "posterior_to": ["**posterior** to", "behind", "dorsal to"],
              "left_of": ["to the patient's **left** of", "on the patient's left relative to"],
              "right_of": ["to the patient's **right** of", "on the patient's right relative to"]},
    "abbrev": {"anterior_to": ["ant. to", "anterior to"], "posterior_to": ["post. to", "posterior to"],
               "left_of": ["L of", "Lt of"], "right_of": ["R of", "Rt of"]},
}


def side_says(s: str, style: str, rng: random.Random) -> str:
    if style == "esl":
        return rng.choice({
            "left": ["It is in the left side of patient.", "It stay at patient left side.",
                     "Position is left of the patient body."],
            "right": ["It is in the right side of patient.", "It stay at patient right side.",
                      "Position is right of the patient body."],
            "midline": ["It is in the middle of body, in front of the backbone.", "It stay in the center line of body."],
            "bilateral": ["There is one in left side and one in right side.", "It is in both side, left and also right."],
        }[s])
    if style == "mdllm":
        if s in OPP:
            return rng.choice([f"- **Laterality:** the patient's **{s}** side (the {OPP[s]} of the screen, per radiological convention)",
                               f"- **Side:** {s}-sided, i.e. in the patient's {s} half of the body"])
        return {"midline": "- **Laterality:** midline, straddling the vertebral column",
                "bilateral": "- **Laterality:** bilateral: one component on each side of the spine"}[s]
    return rng.choice({"left": ["Lt-sided.", "Side: L.", "L side of pt."], "right": ["Rt-sided.", "Side: R.", "R side of pt."],
                       "midline": ["Midline.", "Central / ML."], "bilateral": ["Bilat.", "B/L, one each side."]}[s])


def vert_says(v: str, style: str, rng: random.Random) -> str:
    front = v == "anterior"
    if style == "esl":
        return rng.choice(["It is more in the front part of belly.", "It stay near to the front of body."] if front else
                          ["It is more in the back part, close to the backbone.", "It stay behind, near the back of body."])
    if style == "mdllm":
        return ("- **Depth (AP axis):** anterior, closer to the front abdominal wall" if front else
                "- **Depth (AP axis):** posterior, closer to the spine and the back muscles")
    return rng.choice(["Ant.", "Ant. position.", "Ventral."] if front else ["Post.", "Post. position.", "Dorsal."])


def size_says(sz: str, frac: float, style: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        pt = pct_true(frac, rng, style)
        return {"esl": f"It take {pt} of whole image.",
                "mdllm": f"- **Area:** it covers {pt} of the image",
                "abbrev": f"Area ~{pt} of FOV."}[style]
    if style == "esl":
        return rng.choice({"small": ["It is small size in this picture.", "It take only a little place in the image."],
                           "medium": ["It is middle size, not big and not small.", "Its size is medium."],
                           "large": ["It is big, it take a big part of the image.", "It is large in this slice."]}[sz])
    if style == "mdllm":
        return {"small": "- **Size:** relatively small on this slice",
                "medium": "- **Size:** moderate, neither small nor large",
                "large": "- **Size:** large; it occupies a big share of the slice"}[sz]
    return rng.choice({"small": ["Sm.", "Small."], "medium": ["Mod. size.", "Medium."], "large": ["Lg.", "Large."]}[sz])


def count_says(n: int, style: str, rng: random.Random) -> str:
    if style == "esl":
        if n == 1:
            return rng.choice(["It is one piece only, everything is connected.", "I see only one part of it, not separated."])
        return rng.choice([f"I see {word(n)} part, they are not connected.", f"I count {word(n)} separated parts."])
    if style == "mdllm":
        if n == 1:
            return "- **Connectivity:** a single connected component"
        return f"- **Connectivity:** {word(n)} separate components"
    if n == 1:
        return rng.choice(["1 component.", "Single, contiguous."])
    return rng.choice([f"x{n} components.", f"{n} discrete foci."])


def rel_says(other: str, r: str, style: str, rng: random.Random) -> str:
    w = rng.choice(REL_W[style][r])
    return {"esl": f"It is {w} the {other}.", "mdllm": f"- **Relations:** it lies {w} the {other}",
            "abbrev": f"{w[0].upper() + w[1:]} {other}."}[style]


# --- false claims, per persona -------------------------------------------------------------------------

def wrong_side(s: str, style: str, rng: random.Random) -> str:
    if s in OPP:
        return side_says(OPP[s], style, rng)
    one = rng.choice(["left", "right"])
    if s == "bilateral":
        return {"esl": rng.choice([f"It is only in {one} side, not in other side.",
                                   f"Only the {one} side have it."]),
                "mdllm": rng.choice([f"- **Laterality:** unilateral, confined to the patient's **{one}** side",
                                     f"- **Side:** {one} only; the other side is not involved"]),
                "abbrev": rng.choice([f"Unilat., {one[0].upper()} only.", f"{one.capitalize()}-sided only."])}[style]
    return {"esl": f"It is far in the {one} side of patient, not in the middle.",
            "mdllm": f"- **Laterality:** clearly off-midline, in the patient's **{one}** flank",
            "abbrev": f"{one.capitalize()} flank, away from ML."}[style]


def wrong_size(p: dict, style: str, rng: random.Random) -> str:
    sz = p["size"]
    kind = rng.choice(["word", "pct", "cmp"] if sz != "medium" else ["word", "pct", "pct"])
    if kind == "pct":
        pw = pct_wrong(sz, rng)
        return {"esl": f"It take {pw} of whole image.", "mdllm": f"- **Area:** it covers {pw} of the image",
                "abbrev": f"Area ~{pw} of FOV."}[style]
    big = sz != "large"  # claim it is big when it is small or medium, and tiny when it is large
    if kind == "cmp":
        if big:
            return {"esl": "It is the most big thing in this image.",
                    "mdllm": "- **Size:** by far the **largest** structure in view",
                    "abbrev": "Largest struct. on slice."}[style]
        return {"esl": "It is more small than all other things in the image.",
                "mdllm": "- **Size:** one of the **smallest** structures in view",
                "abbrev": "Smallest struct. in FOV."}[style]
    if big:
        return {"esl": rng.choice(["It is very big, it take huge place.", "Its size is enormous in this picture."]),
                "mdllm": rng.choice(["- **Size:** quite **large**, spanning a big chunk of the slice",
                                     "- **Size:** massive on this slice"]),
                "abbrev": rng.choice(["Lg.", "Large, bulky.", "V. large."])}[style]
    return {"esl": rng.choice(["It is very small, only a tiny point.", "Its size is so little in this picture."]),
            "mdllm": rng.choice(["- **Size:** tiny, barely a few pixels", "- **Size:** **small** and inconspicuous"]),
            "abbrev": rng.choice(["Tiny.", "Sm., punctate."])}[style]


def wrong_count(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        return {"esl": rng.choice(["It have two separated piece.", "It is broken in 2 parts, not connected.",
                                   "I count three small parts, separated."]),
                "mdllm": rng.choice(["- **Connectivity:** two separate pieces that do not touch",
                                     "- **Connectivity:** multiple disconnected islands (multifocal)"]),
                "abbrev": rng.choice(["x2 components.", "2 separate frags.", "Multifocal."])}[style]
    return {"esl": rng.choice(["It is only one piece, all connected together.", "There is just a single part, not separated."]),
            "mdllm": rng.choice(["- **Connectivity:** a single connected structure",
                                 "- **Connectivity:** one continuous piece, no separate parts"]),
            "abbrev": rng.choice(["Single contiguous component.", "Unifocal.", "1 component."])}[style]


def wrong_vert(v: str, style: str, rng: random.Random) -> str:
    return vert_says("posterior" if v == "anterior" else "anterior", style, rng)


# --- questions ------------------------------------------------------------------------------------------

Q = {"esl": ["Can you show me which {noun} {fn} in this image? Please do the segment.",
             "I am student, I want to know which {noun} here {fn}. Segment it please.",
             "Which {noun} in this CT {fn}? Please you segment it for me."],
     "mdllm": ["I'd love your help with this scan! Which {noun} {fn}? Please segment it and walk me through your reasoning.",
               "Could you identify and segment the {noun} that {fn}? A structured answer would be great."],
     "abbrev": ["Seg {noun} that {fn}. Brief rpt.", "Pls segment the {noun} which {fn}.",
                "Task: ID + segment the {noun} that {fn}."]}


def q_with(style: str, p: dict, where: str, rng: random.Random) -> str:
    """A first question that carries a claim (true or false): `where` is the claim phrase."""
    return {"esl": f"Which {p['noun']} {where} {p['fn']}? Please make the segment of it.",
            "mdllm": f"Which {p['noun']}, {where}, {p['fn']}? Please segment it and explain.",
            "abbrev": f"Seg the {p['noun']} {where} that {p['fn']}."}[style]


def side_phrase(s: str, style: str) -> str:
    return {"esl": f"at the {s} side of patient", "mdllm": f"located on the patient's **{s}**",
            "abbrev": f"on pt's {s}"}[style]


def wrong_question(defect: str, p: dict, style: str, rng: random.Random) -> str | None:
    s = p["side"]
    if defect == "laterality":
        if s in OPP:
            return q_with(style, p, side_phrase(OPP[s], style), rng)
        if s == "bilateral":
            return q_with(style, p, {"esl": "only in left side", "mdllm": "found only on the patient's left",
                                     "abbrev": "on L only (unilat.)"}[style], rng)
        return q_with(style, p, {"esl": "at the right side of patient", "mdllm": "located far on the patient's right",
                                 "abbrev": "in R flank"}[style], rng)
    if defect == "position":
        other, r = rng.choice(p["rels"])
        return q_with(style, p, f"{rng.choice(REL_W[style][FLIP[r]])} the {other}".replace("**", ""), rng)
    if defect == "size":
        w = {"esl": "very big" if p["size"] != "large" else "very small",
             "mdllm": "which looks huge here" if p["size"] != "large" else "which looks tiny here",
             "abbrev": "(lg.)" if p["size"] != "large" else "(tiny)"}[style]
        return q_with(style, p, w, rng)
    if defect == "count":
        if p["comps"] == 1:
            w = {"esl": "that have two separated piece", "mdllm": "seen here as two separate parts",
                 "abbrev": "(x2 frags)"}[style]
        else:
            w = {"esl": "that is one piece only", "mdllm": "appearing as one single connected piece",
                 "abbrev": "(single component)"}[style]
        return q_with(style, p, w, rng)
    return None


GIVE = {"esl": ["My doctor say I have {g}. Which {noun} it is? Please segment it.",
                "Where is {g} in this picture? Segment it please."],
        "mdllm": ["The report mentions **{g}**. Which {noun} should I be looking at? Please segment it.",
                  "I'm reviewing a case of {g}. Could you segment the affected {noun}?"],
        "abbrev": ["?{g}. Seg affected {noun}.", "Hx {g}. Pls segment the {noun} involved."]}
NAMES = {"liver": ["liver cirrhosis", "a hepatic abscess"], "spleen": ["splenic infarct", "an enlarged spleen"],
         "left kidney": ["left kidney stone", "renal colic"], "right kidney": ["right kidney stone", "renal colic"],
         "aorta": ["aortic aneurysm", "aortic dissection"], "pancreas": ["pancreatic cancer", "acute pancreatitis"],
         "gallbladder": ["gallbladder stones", "cholecystitis"], "stomach": ["stomach cancer", "gastric ulcer"],
         "inferior vena cava": ["IVC filter", "vena cava thrombus"],
         "liver lesion": ["liver metastasis", "hepatic lesions"], "kidney": ["kidney failure", "renal cysts"],
         "kidney cyst": ["renal cyst", "a cyst in the kidney"]}


# --- clean traps ----------------------------------------------------------------------------------------

def traps(p: dict, style: str) -> list[str]:
    s, tgt = p["side"], p["target"]
    kb = list(p["other_kb"])
    kidneyish = "kidney" in tgt
    if style == "esl":
        out = kb + ["Please remember, in CT picture the left of screen is the right of patient.",
                    "I see also the spine in the middle, it is white and round.",
                    "My teacher say this kind of thing can be more big in sick people.",
                    "This picture is slice number 3 from 5 slices."]
        if s in OPP:
            out += [f"It is not in the {OPP[s]} side.", f"No part of it go to the {OPP[s]} side."]
        if kidneyish:
            out += ["Normally human have two kidney, one in each side."]
        if p["size"] == "small" and "liver" not in tgt:
            out += ["It is much more small than the liver."]
        if p["comps"] == 1:
            out += ["It is not broken in pieces."]
        return out
    if style == "mdllm":
        out = kb + ["> **Tip:** by radiological convention, the patient's right appears on the viewer's left.",
                    "Here are **three** key observations worth keeping in mind.",
                    "### Caveats\n- A single slice can be misleading; the true volume may differ.",
                    "- Numbers in this answer are approximate.",
                    "1. Check the window settings. 2. Scroll through adjacent slices. 3. Compare with the prior study."]
        if s in OPP:
            out += [f"**What it is *not*:** it is not located on the {OPP[s]} side."]
        if p["size"] == "large":
            out += ["- It is clearly bigger than the spleen on this slice."]
        elif "liver" not in tgt:
            out += ["- It is noticeably smaller than the liver."]
        if p["comps"] > 1:
            out += [f"- It is **not** one single piece: I count {word(p['comps'])} of them."]
        return out
    out = kb + ["Radiol. conv.: pt R = img L.", "Img 45/120.", "Pt supine.", "Comparison: none.",
                "2 prior CTs reviewed, no change."]
    if s in OPP:
        out += [f"No {OPP[s][0].upper()}-sided component.", f"Contralat. ({OPP[s]}) side: NAD."]
    if p["comps"] == 1:
        out += ["Not fragmented."]
    return out


FOLLOW = {"esl": ["Can you tell me more about where it is and how big?", "What else you can see about this one?"],
          "mdllm": ["Thanks! Could you add anything else that's worth knowing about it?",
                    "Great, can you summarize the most important points for me?"],
          "abbrev": ["Any further findings to add?", "Pls add pertinent negatives and extra details."]}
LEAD = {"esl": ["This one is the {name} {seg}.", "The answer is {name}, I mark it here {seg}."],
        "mdllm": ["Great question! Let's break this down step by step.\n\n**Identification:** this is the **{name}** {seg}.\n\n### Key features"],
        "abbrev": ["{Name} {seg}.", "ID: {name} {seg}."]}


def joined(style: str, items: list[str]) -> str:
    return "\n".join(items) if style == "mdllm" else " ".join(items)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_says(s, style, rng), "vertical": vert_says(p["vert"], style, rng),
             "relation": rel_says(other, r, style, rng), "size": size_says(p["size"], facts["area_fraction"], style, rng),
             "count": count_says(p["comps"], style, rng)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    if defect is None and s in OPP and rng.random() < 0.25:
        q = q_with(style, p, side_phrase(s, style), rng)  # a true claim inside the question
    expected = [defect] if defect else []
    bad = key = None
    if defect == "names_target":
        q = rng.choice(GIVE[style]).format(g=rng.choice(NAMES[p["target"]]), noun=p["noun"])
    elif defect is not None:
        if rng.random() < 0.25:
            q = wrong_question(defect, p, style, rng)
        elif defect == "laterality":
            key, bad = "side", wrong_side(s, style, rng)
        elif defect == "position" and rng.random() < 0.5:
            o2, r2 = rng.choice(p["rels"])
            key, bad = "relation", rel_says(o2, FLIP[r2], style, rng)
        elif defect == "position":
            key, bad = "vertical", wrong_vert(p["vert"], style, rng)
        elif defect == "size":
            key, bad = "size", wrong_size(p, style, rng)
        elif defect == "count":
            key, bad = "count", wrong_count(p["comps"], style, rng)
    t = traps(p, style)
    in_first = rng.random() < 0.65
    if bad and in_first:
        parts[key] = bad
    items = list(parts.values())
    rng.shuffle(items)
    items = items[: rng.randint(3, 5)] if not (bad and in_first) else items
    items += rng.sample(t, k=2)
    rng.shuffle(items)
    lead = rng.choice(LEAD[style]).format(name=p["target"], Name=p["target"].capitalize(), seg=SEG)
    first = lead + "\n" + joined(style, items) if style == "mdllm" else lead + " " + joined(style, items)
    if style == "mdllm":
        first += "\n\n### Summary\nI hope this helps! Let me know if you'd like more detail on the nearby anatomy."
    second = rng.sample(t, k=2)
    if bad and not in_first:
        second.insert(rng.randrange(3), bad)
    if style == "mdllm":
        head = rng.choice(["Absolutely! A few more points:", "Of course! Here is a short recap:"])
        body = head + "\n" + "\n".join(x if x.startswith(("-", "#", ">", "1.")) else f"- {x}" for x in second)
    else:
        body = joined(style, second)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first},
             {"role": "user", "content": rng.choice(FOLLOW[style])}, {"role": "assistant", "content": body}]
    return turns, expected
