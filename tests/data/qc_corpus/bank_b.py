"""Phrase bank B of the QC corpus: a second writer's voice (report-style, Socratic tutor, markdown
tables, casual chat), written after the rules' first version WITHOUT reading their misses, to measure
prose the rules were not shaped on.

Every slot has a list of phrasings; `pick(options, half)` takes only the even-numbered phrasings for
the dev half and only the odd-numbered ones for the held-out half, so the held-out conversations use
wordings the dev half never shows. Each phrasing is a function of the profile `p` (see make_corpus.py),
the true side `s`, the opposite side `o` and the facts.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
REL_B = {"anterior_to": ["anterior to", "in front of", "ventral to", "just anterior to"],
         "posterior_to": ["posterior to", "behind", "dorsal to", "just posterior to"],
         "left_of": ["to the patient's left of", "on the patient's left relative to"],
         "right_of": ["to the patient's right of", "on the patient's right relative to"]}
FRACTION_WORDS = [(0.5, "half"), (1 / 3, "a third"), (0.25, "a quarter"), (0.2, "a fifth"), (0.1, "a tenth")]


def pick(options: list, half: str, rng: random.Random):
    pool = options[0::2] if half == "dev" else options[1::2]
    return rng.choice(pool or options)


def cap(t: str) -> str:
    return t[:1].upper() + t[1:]


# --- sides ----------------------------------------------------------------------------------------
def side_sentences(s: str, o: str) -> list[str]:
    """Sentences putting the target on patient side `s` (o: the other side), radiological display."""
    return [f"Its location in the {s} hemiabdomen fits.",
            f"The structure is positioned to the patient's {s}.",
            f"Seen here on the {s} side of the patient's body.",
            f"{cap(s)}-sided, as expected.",
            f"Because this is a radiological display, it shows up on the {o} half of the screen although it "
            f"belongs to the patient's {s}.",
            f"It lies {s} of midline.",
            f"This one's on the patient's {s}, i.e. the {o} of the image as displayed.",
            f"It is situated in the patient's {s} flank region."]


MIDLINE = ["It runs down the middle of the body.", "Centrally placed, in the midline.",
           "It straddles the midline.", "It sits right in the midline, in front of the spine."]
BILATERAL = ["Both the left and right sides are included in the mask.", "It is seen on each side of the spine.",
             "You can see it on both sides of the body.", "It is present bilaterally, left and right."]
ONE_SIDED_OF_BILATERAL = ["The mask covers only the patient's right side.", "Just the left one is outlined; it sits "
                          "on the patient's left.", "It is seen on the patient's left alone.",
                          "Only the patient's right side is included."]
NEG_TRUE = ["It definitely isn't on the patient's {o} side.", "There's no {o}-sided component.",
            "It does not sit on the patient's {o}.", "Not in the {o} flank."]
NEG_FALSE = ["It definitely isn't on the patient's {s} side.", "There's no {s}-sided component.",
             "It does not sit on the patient's {s}.", "Not in the {s} flank."]


# --- vertical ------------------------------------------------------------------------------------
VERT = {"anterior": ["It's situated anteriorly.", "It hugs the anterior abdominal wall.",
                     "Positioned ventrally on this cut.", "Near the front of the abdomen."],
        "posterior": ["It lies at the back of the abdomen.", "Found toward the patient's back.",
                      "Dorsally placed on this cut.", "Close to the spine, at the back."]}


# --- relations -----------------------------------------------------------------------------------
def relation_sentences(other: str, rel: str) -> list[str]:
    inv = FLIP[rel]
    word = {"anterior_to": "anterior", "posterior_to": "posterior", "left_of": "to the left",
            "right_of": "to the right"}[rel]
    inv_place = {"anterior_to": "just in front of it", "posterior_to": "just behind it",
                 "left_of": "on its left", "right_of": "on its right"}[inv]
    return [f"It's located {REL_B[rel][0]} the {other}.", f"The {other} lies {inv_place}.",
            f"Relative to the {other}, it is more {word}." if "to the" not in word else
            f"Relative to the {other}, it is further {word}.",
            f"It is seen {REL_B[rel][1]} the {other}.", f"It sits {REL_B[rel][-1]} the neighbouring {other}."]


# --- size ----------------------------------------------------------------------------------------
SIZE_B = {"small": ["It is fairly small on this cut.", "It is only a small dot here.",
                    "A relatively petite structure on this slice.", "Its footprint is modest here, a small area."],
          "medium": ["I'd call it medium-sized on this slice.", "It's of moderate size here.",
                     "It is neither large nor small on this cut.", "A mid-sized structure here."],
          "large": ["Rather large on this slice.", "A sizable portion of this slice belongs to it.",
                    "Quite a big structure on this cut.", "It is one of the largest things on the image."]}


def percent_sentences(p: float) -> list[str]:
    frac = min(FRACTION_WORDS, key=lambda fw: abs(fw[0] - p / 100))
    return [f"The segmented area accounts for approximately {p:.1f}% of the pixels.",
            f"It's around {p:.0f} per cent of the frame." if p >= 1 else f"It's around {p:.1f} per cent of the frame.",
            f"Covering nearly {frac[1]} of the field of view." if p >= 8 else f"Covering just {p:.2f}% of the image.",
            f"Area: ~{p:.1f}% of the image."]


# --- count ---------------------------------------------------------------------------------------
def count_sentences(n: int) -> list[str]:
    words = {2: "two", 3: "three", 4: "four"}
    if n == 1:
        return ["It appears as one unbroken region.", "A single contiguous mask.", "It is in one piece.",
                "All of it is connected."]
    w = words.get(n, str(n))
    return [f"There are {w} discrete parts here.", f"The mask comprises {w} non-touching parts.",
            f"{cap(w)} foci are seen.", f"It is fragmented into {w} parts."]


def wrong_count_sentences(n: int) -> list[str]:
    if n == 1:
        return ["There are two discrete parts here.", "The mask comprises three non-touching parts.",
                "Two foci are seen.", "It is fragmented into several parts."]
    return ["It appears as one unbroken region.", "A single contiguous mask.", "It is in one piece.",
            "All of it is connected as one lump."]


# --- questions -----------------------------------------------------------------------------------
QUESTIONS = ["Findings request: please segment the {noun} that {fn}.",
             "Think about physiology for a moment. Which {noun} {fn}? Segment it for me.",
             "Could you mask the {noun} responsible for the fact that it {fn}?",
             "hey, which {noun} here {fn}? can you outline it",
             "On this axial CT: the {noun} which {fn} - please delineate it.",
             "Identify the {noun} on this image that {fn}, then segment it."]
WRONG_SIDE_Q = ["Which {noun} sitting on the patient's {o} side {fn}? Segment it.",
                "Please outline the {o}-sided {noun} that {fn}.",
                "On this slice, the {noun} in the {o} upper abdomen {fn}; can you segment it?",
                "Segment the {noun} on the patient's {o} that {fn}."]
WRONG_REL_Q = ["I need the {noun} located {rel} the {other} that {fn}. Can you segment it?",
               "Which {noun} lies {rel} the {other}? Please outline it.",
               "Segment the {noun} found {rel} the {other}.",
               "Which {noun} {fn} and sits {rel} the {other}? Mask it."]
GIVEAWAY_Q = ["Patient with known {g}. Which structure is it? Segment it.",
              "Segment the structure affected by {g} on this slice.",
              "Which organ shows {g} here? Please outline it.",
              "Can you mark the area relevant to {g}?"]
GIVEAWAYS = {"liver": ["hepatomegaly", "intrahepatic cholestasis", "fatty liver"],
             "spleen": ["splenic infarction", "perisplenic fluid", "an enlarged spleen"],
             "left kidney": ["nephrolithiasis", "perinephric stranding", "renal colic"],
             "right kidney": ["nephrolithiasis", "perirenal fluid", "renal colic"],
             "aorta": ["an AAA", "aortic dissection", "periaortic fat stranding"],
             "pancreas": ["pancreatitis", "a dilated pancreatic duct", "peripancreatic fluid"],
             "gallbladder": ["cholecystitis", "gall bladder sludge", "pericholecystic fluid"],
             "stomach": ["gastritis", "an intragastric balloon", "gastric outlet obstruction"],
             "inferior vena cava": ["an IVC filter", "caval thrombosis", "a flattened vena cava"],
             "liver lesion": ["hepatic metastases", "a liver mass", "multiple hypodense lesions"],
             "kidney": ["renal failure", "bilateral nephrolithiasis", "polycystic kidneys"],
             "kidney cyst": ["a Bosniak I renal cyst", "simple cysts", "cystic change"]}
FOLLOWUPS = ["And where does it sit?", "How big is it on this image?", "Tell me about its neighbours.",
             "Anything else worth noting?"]
LEADS = {"report": "FINDINGS: {Name} {seg} identified.", "socratic": "Exactly - you are looking at the {name} {seg}.",
         "table": "Here's the breakdown for the {name} {seg}:", "chat": "oh that's the {name} {seg} :)"}


# --- assembling a conversation -------------------------------------------------------------------
def _table(rows: list[tuple[str, str]]) -> str:
    return "| Feature | Finding |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def build(p: dict, facts: dict, style: str, half: str, rng: random.Random, defect: str | None):
    """(turns, expected flags) of one bank-B conversation with at most one planted defect."""
    s = p["side"]
    o = OPP.get(s, "left")
    pct = facts["area_fraction"] * 100
    other, rel = rng.choice(p["rels"])
    if s in OPP:
        side_true = pick(side_sentences(s, o), half, rng)
    else:
        side_true = pick(MIDLINE if s == "midline" else BILATERAL, half, rng)
    parts = {"side": side_true, "vertical": pick(VERT[p["vert"]], half, rng),
             "relation": pick(relation_sentences(other, rel), half, rng),
             "size": pick(SIZE_B[p["size"]], half, rng) if rng.random() < 0.5 else pick(percent_sentences(pct), half, rng),
             "count": pick(count_sentences(p["comps"]), half, rng)}
    extras = list(p["other_kb"])
    if s in OPP:
        extras.append(pick(NEG_TRUE, half, rng).format(o=o, s=s))
    q = pick(QUESTIONS, half, rng).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    in_question = False
    if defect == "names_target":
        q = pick(GIVEAWAY_Q, half, rng).format(g=rng.choice(GIVEAWAYS[p["target"]]))
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q, in_question = pick(WRONG_SIDE_Q, half, rng).format(noun=p["noun"], fn=p["fn"], o=o), True
        elif s in OPP:
            parts["side"] = pick(side_sentences(o, s) + [f.format(s=s) for f in NEG_FALSE], half, rng)
        elif s == "midline":
            parts["side"] = pick(side_sentences("left", "right") + side_sentences("right", "left"), half, rng)
        else:
            parts["side"] = pick(ONE_SIDED_OF_BILATERAL, half, rng)
    elif defect == "position":
        if rng.random() < 0.3:
            q, in_question = pick(WRONG_REL_Q, half, rng).format(noun=p["noun"], fn=p["fn"], other=other,
                                                                 rel=rng.choice(REL_B[FLIP[rel]])), True
        elif rng.random() < 0.5:
            parts["relation"] = pick(relation_sentences(other, FLIP[rel]), half, rng)
        else:
            parts["vertical"] = pick(VERT["anterior" if p["vert"] == "posterior" else "posterior"], half, rng)
    elif defect == "size":
        wrong = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[p["size"]]
        wrong_pct = {"small": 30.0, "medium": rng.choice([0.2, 35.0]), "large": 0.3}[p["size"]]
        parts["size"] = pick(SIZE_B[wrong], half, rng) if rng.random() < 0.5 else pick(percent_sentences(wrong_pct),
                                                                                         half, rng)
    elif defect == "count":
        parts["count"] = pick(wrong_count_sentences(p["comps"]), half, rng)
    lead = LEADS[style].format(name=p["target"], Name=p["target"].capitalize(), seg="[SEG]")
    order = list(parts)
    rng.shuffle(order)
    if style == "table":
        labels = {"side": "Side", "vertical": "Position", "relation": "Neighbours", "size": "Size", "count": "Parts"}
        body = lead + "\n" + _table([(labels[k], parts[k].rstrip(".")) for k in order])
    elif style == "report":
        body = lead + " " + " ".join(parts[k] for k in order[:3]) + "\nIMPRESSION: " + \
            " ".join(parts[k] for k in order[3:])
    else:
        body = lead + " " + " ".join(parts[k] for k in order)
    follow = " ".join(rng.sample(extras, k=2))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOWUPS)}, {"role": "assistant", "content": follow}]
    return turns, expected, in_question
