"""Phrase bank I of the QC corpus: a ninth voice, written blind by helper `qc2` AFTER the modality fixes
(conditional, possible, generic and alternative statements) and kept held-out (never tuned on).

Four registers (narrative paragraph with subordinate clauses, quiz answer with an explanation, checklist
with ticks, British clinical letter), and clean traps the earlier banks did not carry: reported speech
and history ("the referral mentions left flank pain", "a previous scan showed ..."), contrasts with
another structure ("unlike the spleen, which sits on the left, ..."), "not X but Y" corrections,
measurements in millimetres and centimetres, parts of other organs named by side ("the left lobe of the
liver"), vertebral levels and slice thickness numbers, rhetorical questions. Each defective
conversation carries exactly one false, plainly asserted claim about the target. Imports nothing from
`medseg_qa.qc`.
"""

from __future__ import annotations

import random

OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
NUMW = {1: "one", 2: "two", 3: "three"}
FAR = {"left": "spleen", "right": "liver"}


def _rel(r: str) -> str:
    return {"anterior_to": "ventral to", "posterior_to": "dorsal to", "left_of": "to the left of",
            "right_of": "to the right of"}[r]


def side_text(s: str, style: str) -> str:
    if s in OPP:
        return {"narrative": f"It occupies the {s} side of the patient's abdomen",
                "quiz": f"Answer: the patient's {s} side.",
                "checklist": f"✔ Side — patient's {s}",
                "letter": f"The structure lies on the {s} side of the patient's body."}[style]
    if s == "midline":
        return {"narrative": "It runs down the middle of the abdomen", "quiz": "Answer: central, in the midline.",
                "checklist": "✔ Side — midline", "letter": "The structure lies centrally, in the midline."}[style]
    return {"narrative": "It is present on the left and the right of the spine",
            "quiz": "Answer: both sides, left and right.", "checklist": "✔ Side — both left and right",
            "letter": "The structure is present bilaterally, left and right."}[style]


def wrong_side_text(s: str, style: str) -> str:
    if s in OPP:
        return side_text(OPP[s], style)
    if s == "midline":
        return {"narrative": "It occupies the right side of the patient's abdomen",
                "quiz": "Answer: the patient's left side.", "checklist": "✔ Side — patient's right",
                "letter": "The structure lies on the left side of the patient's body."}[style]
    return {"narrative": "It occupies only the left side of the patient's abdomen",
            "quiz": "Answer: the patient's right side only.", "checklist": "✔ Side — patient's left only",
            "letter": "The structure lies on the right side of the patient's body only."}[style]


def vert_text(v: str, style: str) -> str:
    w = {"anterior": ("anterior", "front"), "posterior": ("posterior", "back")}[v]
    return {"narrative": f"and it sits in the {w[1]} half of the abdomen.", "quiz": f"It is {w[0]} on this slice.",
            "checklist": f"✔ Depth — {w[0]}", "letter": f"It is situated {w[0]}ly within the abdomen."}[style]


def rel_text(other: str, r: str, style: str) -> str:
    w = _rel(r)
    return {"narrative": f"Its position is {w} the {other}.", "quiz": f"It lies {w} the {other}.",
            "checklist": f"✔ Relation — {w} the {other}", "letter": f"It is {w} the {other}."}[style]


def size_text(sz: str, frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    word = {"small": "small", "medium": "moderate in size", "large": "large"}[sz]
    if rng.random() < 0.5:
        return {"narrative": f"On this section it is {word}.", "quiz": f"Size: {word}.",
                "checklist": f"✔ Size — {word}", "letter": f"It appears {word} on this section."}[style]
    return {"narrative": f"It fills approximately {p:.1f} per cent of the section.",
            "quiz": f"It covers {p:.1f} % of the image.", "checklist": f"✔ Area — {p:.1f}% of the slice",
            "letter": f"It occupies approximately {p:.1f} per cent of the image."}[style]


def wrong_size_text(sz: str, style: str, rng: random.Random) -> str:
    bad = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sz]
    word = {"small": "very small", "large": "very large"}[bad]
    p = {"small": 0.2, "large": 38.0}[bad]
    if rng.random() < 0.5:
        return {"narrative": f"On this section it is {word}.", "quiz": f"Size: {word}.",
                "checklist": f"✔ Size — {word}", "letter": f"It appears {word} on this section."}[style]
    return {"narrative": f"It fills approximately {p:.1f} per cent of the section.",
            "quiz": f"It covers {p:.1f} % of the image.", "checklist": f"✔ Area — {p:.1f}% of the slice",
            "letter": f"It occupies approximately {p:.1f} per cent of the image."}[style]


def count_text(n: int, style: str) -> str:
    if n == 1:
        return {"narrative": "The outline is a single unbroken region.", "quiz": "It is a single region.",
                "checklist": "✔ Regions — 1", "letter": "It forms one contiguous region."}[style]
    return {"narrative": f"The outline falls into {NUMW[n]} separate regions.", "quiz": f"It is {NUMW[n]} regions.",
            "checklist": f"✔ Regions — {n}", "letter": f"It forms {NUMW[n]} discrete regions."}[style]


def traps(p: dict, rng: random.Random) -> list[str]:
    s, tgt = p["side"], p["target"]
    out = list(p["other_kb"])
    out += ["The scan was acquired with 3 mm slices at the level of L1.",
            "The referral mentions two episodes of pain over the past week.",
            "A previous scan from 2019 is not available for comparison."]
    if s in OPP:
        o = OPP[s]
        far = FAR[o] if FAR[o] not in tgt else ("stomach" if o == "left" else "gallbladder")
        out += [f"Unlike the {far}, which sits on the {o}, it lies on the patient's {s}.",
                f"The referral mentions {o} flank pain, but the finding is on the {s}.",
                f"It is not on the {o} but on the {s}.",
                f"Why the {s}? Because the display shows the patient's {s} on the viewer's {o}.",
                f"The {o} lobe of the liver is unremarkable." if "liver" not in tgt else
                f"The {o} kidney is unremarkable."]
    else:
        out += ["Unlike the spleen, which sits on the left, it is not confined to one side.",
                "The left lobe of the liver is unremarkable."]
    if p["size"] == "large":
        out += ["It measures about 17 cm craniocaudally.", "Tiny calcified granulomas are scattered within it.",
                "It is bigger than the kidney beside it."]
    else:
        out += ["It measures about 2 cm on this section.", "The liver is large compared with it.",
                "It is smaller than the liver."]
    if p["comps"] == 1:
        out += ["A previous scan described two separate regions, but today it is one.",
                "Three clips from an old operation sit near it."]
    else:
        out += [f"It is not a single region; I count {NUMW[p['comps']]}."]
    out += ["A large amount of bowel gas is present.", "Small bowel loops are collapsed."]
    return out


Q = {"narrative": ["Looking at this axial CT, which {noun} {fn}? Please segment it for me.",
                   "In this image, could you segment the {noun} that {fn}?"],
     "quiz": ["Quiz time: which {noun} {fn}? Segment it.", "Question 4: name and segment the {noun} that {fn}."],
     "checklist": ["Checklist task: find the {noun} that {fn} and segment it.",
                   "Please segment the {noun} which {fn}."],
     "letter": ["Dear colleague, which {noun} on this study {fn}? Kindly segment it.",
                "Kindly identify and segment the {noun} that {fn}."]}
WRONG_Q = ["Looking at this axial CT, which {noun} on the patient's {o} {fn}? Please segment it.",
           "Kindly segment the {noun} in the patient's {o} abdomen that {fn}."]
GIVE = {"liver": ["hepatomegaly", "a liver transplant"], "spleen": ["a splenectomy candidate", "splenic rupture"],
        "left kidney": ["a renal mass", "kidney failure"], "right kidney": ["a renal mass", "kidney failure"],
        "aorta": ["an aortic aneurysm", "aortitis"], "pancreas": ["pancreatic cancer", "a pancreas transplant"],
        "gallbladder": ["gallbladder polyps", "a gallbladder stone"], "stomach": ["gastric cancer", "a stomach ulcer"],
        "inferior vena cava": ["an IVC thrombus", "vena cava compression"],
        "liver lesion": ["liver metastases", "a hepatic lesion"], "kidney": ["renal cysts", "kidney stones"],
        "kidney cyst": ["a renal cyst", "cystic kidney disease"]}
LEAD = {"narrative": "Looking at the image, the structure in question is the {name} {seg}.",
        "quiz": "Correct answer: the {name} {seg}.", "checklist": "✔ Found — the {name} {seg}",
        "letter": "Thank you for the referral. The segmented structure is the {name} {seg}."}
FOLLOW = ["Is there anything that might confuse a student here?", "Please summarise the other findings.",
          "What would you mention in the report?", "Any caveats for this case?"]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    s = p["side"]
    other, r = rng.choice(p["rels"])
    parts = {"side": side_text(s, style), "vertical": vert_text(p["vert"], style), "relation": rel_text(other, r, style),
             "size": size_text(p["size"], facts["area_fraction"], style, rng), "count": count_text(p["comps"], style)}
    q = rng.choice(Q[style]).format(noun=p["noun"], fn=p["fn"])
    expected = [defect] if defect else []
    if defect == "names_target":
        q = f"History of {rng.choice(GIVE[p['target']])}. Which {p['noun']} is concerned? Please segment it."
    elif defect == "laterality":
        if s in OPP and rng.random() < 0.3:
            q = rng.choice(WRONG_Q).format(noun=p["noun"], fn=p["fn"], o=OPP[s])
        else:
            parts["side"] = wrong_side_text(s, style)
    elif defect == "position":
        if rng.random() < 0.5:
            parts["relation"] = rel_text(other, FLIP[r], style)
        else:
            parts["vertical"] = vert_text("posterior" if p["vert"] == "anterior" else "anterior", style)
    elif defect == "size":
        parts["size"] = wrong_size_text(p["size"], style, rng)
    elif defect == "count":
        parts["count"] = count_text(2 if p["comps"] == 1 else 1, style)
    t = traps(p, rng)
    if style == "narrative":  # side and depth form one sentence in this voice
        items = [parts["side"] + " " + parts["vertical"], parts["relation"], parts["size"], parts["count"]]
    else:
        items = [parts[k] for k in parts]
    items += rng.sample(t, k=2)
    rng.shuffle(items)
    if style == "checklist":
        body = LEAD[style].format(name=p["target"], seg="[SEG]") + "\n" + "\n".join(
            x if x.startswith("✔") else f"• {x}" for x in items)
        follow = "\n".join(f"• {x}" for x in rng.sample(t, k=3))
    else:
        body = LEAD[style].format(name=p["target"], seg="[SEG]") + " " + " ".join(items)
        follow = " ".join(rng.sample(t, k=3))
    if style == "letter":
        follow += " Yours sincerely, the reporting radiologist."
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": body},
             {"role": "user", "content": rng.choice(FOLLOW)}, {"role": "assistant", "content": follow}]
    return turns, expected
