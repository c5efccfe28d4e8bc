"""Bank AL (helper qcal): abdomen, chest and pelvis on axial "LP" CT/MR, written blind (no QC rule, test,
other bank or row was opened). Four registers the reviewers name: terse radiologist, patient tutor, chatty
markdown LLM answer, numbers spelled out as words. Facts are measured by `compute_facts` on synthetic
ellipse masks; the prose is written from those facts. Clean traps: true negations, the display convention,
knowledge about other structures with their own sides, comparisons, population numbers, confirmations.

first measure (commit f14990f, once, misses never read): 201/210 defects caught (95.7%; laterality 42/42,
position 42/42, size 42/42, count 40/42, names_target 35/42), 11/210 clean flagged (5.2%; fp flags: laterality 15).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
ABD = {"liver": (0.3, 0.42), "spleen": (0.76, 0.62), "aorta": (0.53, 0.63), "stomach": (0.68, 0.38),
       "vertebral body": (0.5, 0.78)}
CHEST = {"heart": (0.56, 0.38), "aorta": (0.56, 0.66), "right lung": (0.27, 0.5), "left lung": (0.74, 0.5),
         "vertebral body": (0.5, 0.8)}
PELVIS = {"urinary bladder": (0.5, 0.38), "sacrum": (0.5, 0.84), "left hip bone": (0.82, 0.55),
          "right hip bone": (0.18, 0.55)}


def _p(target, region, comps, fn, give, kb, others):
    return dict(target=target, region=region, comps=comps, fn=fn, give=give, kb=kb, others=others)


PROFILES = [
    _p("liver", "abdomen", [(0.3, 0.42, 60, 50)], "makes bile and clears toxins from the portal blood",
       ["hepatic", "the liver", "perihepatic"], ["The spleen sits in the left upper quadrant, on the opposite side.",
       "An adult liver usually weighs around 1.5 kg.", "The stomach lies to the patient's left of the midline."], ABD),
    _p("spleen", "abdomen", [(0.76, 0.62, 22, 16)], "filters worn-out red cells and can enlarge in mononucleosis",
       ["splenic", "the spleen", "splenomegaly"], ["The liver, on the right, is several times bigger.",
       "In healthy adults this organ is usually under about 13 cm long.", "The gallbladder lies on the right side."], ABD),
    _p("pancreas", "abdomen", [(0.52, 0.5, 34, 7)], "secretes insulin and digestive enzymes and can inflame after gallstones",
       ["pancreatic", "the pancreas", "peripancreatic"], ["The spleen lies out to the left, near its tail.",
       "The duodenum curves around its head on the right side.", "Roughly one in ten adults has gallstones."], ABD),
    _p("left kidney", "abdomen", [(0.72, 0.68, 13, 19)], "filters the blood into urine on one side and can hold stones",
       ["renal", "the kidney", "nephric"], ["The right kidney often sits slightly lower because of the liver.",
       "An adult kidney is typically 10 to 12 cm long.", "The liver lies on the other side of the abdomen."], ABD),
    _p("kidney", "abdomen", [(0.3, 0.68, 13, 19), (0.72, 0.68, 13, 19)], "filter the blood into urine and can fail together in diabetes",
       ["renal", "kidneys", "nephrons"], ["The aorta runs between them in front of the spine.",
       "The spleen sits above and outside the left one.", "About one adult in ten has some chronic loss of their filtering function."], ABD),
    _p("liver lesion", "abdomen", [(0.24, 0.36, 7, 6), (0.34, 0.46, 6, 6), (0.28, 0.52, 5, 5)],
       "appear as several low-density foci in the largest solid organ of a patient with colon cancer",
       ["hepatic", "liver mass", "liver metastases"], ["The spleen on the left side shows no similar foci.",
       "The colon drains through the portal vein, which explains this pattern.", "The stomach on the left looks normal."], ABD),
    _p("right adrenal gland", "abdomen", [(0.35, 0.6, 4, 9)], "sits atop a kidney and makes cortisol and adrenaline",
       ["adrenal", "suprarenal", "the adrenal"], ["The left counterpart lies beside the aorta on the other side.",
       "Incidental nodules of this kind of gland are found in a few percent of adult scans.", "The spleen lies far out on the left."], ABD),
    _p("urinary bladder", "pelvis", [(0.5, 0.38, 28, 22)], "stores urine and can be distended when the outlet is blocked",
       ["vesical", "the bladder", "cystitis"], ["The hip bones flank the pelvis on both sides.",
       "An adult can usually hold about 400 to 600 mL.", "The sacrum lies at the back of the pelvis."], PELVIS),
    _p("prostate", "pelvis", [(0.5, 0.57, 12, 10)], "surrounds the male urethra below the bladder and enlarges with age",
       ["prostatic", "the prostate", "PSA"], ["The bladder sits above and in front of it.",
       "A normal adult gland weighs about 20 to 25 grams.", "The right hip bone lies far out on the right."], PELVIS),
    _p("right common iliac artery", "pelvis", [(0.38, 0.6, 5, 5)], "carries blood from the aortic bifurcation toward one leg",
       ["iliac", "the iliac artery", "CIA"], ["Its left counterpart runs on the other side of the pelvis.",
       "The aorta divides at about the level of the fourth lumbar vertebra.", "The left hip bone lies on the left."], PELVIS),
    _p("left lung", "chest", [(0.74, 0.5, 42, 66)], "exchanges oxygen on one side and has only two lobes",
       ["pulmonary", "the lung", "pneumonia"], ["The right lung has three lobes, not two.",
       "The heart points toward the left side.", "Adults take about 12 to 20 breaths a minute at rest."], CHEST),
    _p("heart", "chest", [(0.56, 0.38, 38, 34)], "pumps blood around the body and is injured in a myocardial infarction",
       ["cardiac", "the heart", "pericardial"], ["The right lung lies beside it on the right.",
       "A resting adult pulse is usually 60 to 100 beats a minute.", "The aorta arches over to descend on the left of the spine."], CHEST),
    _p("esophagus", "chest", [(0.5, 0.66, 5, 5)], "carries swallowed food to the stomach and can narrow with reflux",
       ["oesophageal", "esophageal", "the gullet"], ["The trachea lies in front of it higher up.",
       "The right lung occupies the right side of the chest.", "It is about 25 cm long in adults."], CHEST),
    _p("appendix", "abdomen", [(0.3, 0.72, 6, 5)], "is a small blind tube whose inflammation causes right lower pain",
       ["appendiceal", "appendicitis", "the appendix"], ["The spleen sits high on the opposite side.",
       "Around seven percent of people have appendicitis in their lifetime.", "The aorta lies near the midline."], ABD),
]
_BASE_STYLES = ["terse", "tutor", "markdown", "words"]
_ROW = [0]


class _Styles(list):
    """The four registers; a row's style follows its PAIR index (row // 2, recorded by `pick_profile`) so that
    clean and defective rows both cover every register (plain `i % 4` would give clean rows only two)."""

    def __getitem__(self, k):
        return _BASE_STYLES[(_ROW[0] // 2) % 4] if isinstance(k, int) else list.__getitem__(self, k)


STYLES = _Styles(_BASE_STYLES)


def record_for(p):
    return {"modality": "MR" if p["target"] == "prostate" else "CT", "body_region": p["region"], "orientation": "LP"}


def pick_profile(profiles, i, defect, rng):
    _ROW[0] = i
    if defect == "count" and rng.random() < 0.5:
        return rng.choice([p for p in profiles if len(p["comps"]) > 1])
    return rng.choice(profiles)


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    m = np.zeros((H, W), bool)
    for cx, cy, rx, ry in p["comps"]:
        cx, cy = (cx + rng.uniform(-0.01, 0.01)) * (W - 1), (cy + rng.uniform(-0.01, 0.01)) * (H - 1)
        s = rng.uniform(0.9, 1.1)
        m |= ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2 <= 1
    others = {k: v for k, v in p["others"].items() if k != p["target"]}
    return compute_facts(m, "LP", others).model_dump(mode="json")


NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
REL = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
       "anterior_to": "in front of", "posterior_to": "behind"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior"}


def side_txt(side, rng):
    return {"left": rng.choice(["on the patient's left", "in the left half of the body", "left-sided"]),
            "right": rng.choice(["on the patient's right", "in the right half of the body", "right-sided"]),
            "midline": rng.choice(["in the midline", "central, straddling the midline", "midline"]),
            "bilateral": rng.choice(["on both sides", "bilateral, one part left and one right",
                                     "present on the left and on the right"])}[side]


def vert_txt(v, rng):
    return {"anterior": rng.choice(["toward the front", "anterior", "in the front half of the body"]),
            "posterior": rng.choice(["toward the back", "posterior", "in the back half of the body"]),
            "central": rng.choice(["about midway front to back", "centrally in the front-to-back direction"]),
            }.get(v, "centrally")


def size_txt(f, style, rng):
    pct = f["area_fraction"] * 100
    cls = f["size_class"]
    if style == "words":
        n = round(pct)
        num = "less than one percent" if pct < 1 else f"about {WORDS[min(n, 20)]} percent"
    else:
        num = f"about {pct:.1f}%" if pct < 10 else f"about {pct:.0f}%"
    adj = {"small": rng.choice(["small", "a small structure", "on the small side"]),
           "medium": rng.choice(["medium-sized", "moderate in size", "of medium size"]),
           "large": rng.choice(["large", "a large structure", "big"])}[cls]
    return adj, num


def count_txt(n, style, rng):
    if n == 1:
        return rng.choice(["a single connected region", "one continuous piece", "one region only, no second focus"])
    w = NUMW.get(n, str(n)) if style == "words" else (str(n) if rng.random() < 0.5 else NUMW.get(n, str(n)))
    return rng.choice([f"{w} separate regions", f"{w} distinct components", f"{w} disconnected parts"])


def wrong(f, defect, rng):
    """One false fact text, by kind."""
    if defect == "laterality":
        s = f["laterality"]
        return {"left": "on the patient's right", "right": "on the patient's left", "midline": rng.choice(
            ["on the patient's left", "on the patient's right"]), "bilateral": rng.choice(
            ["only on the patient's left", "only on the patient's right"])}.get(s, "on the patient's left")
    if defect == "position":
        if f["vertical"] in ("anterior", "posterior"):
            return {"anterior": "toward the back of the body", "posterior": "toward the front of the body"}[f["vertical"]]
        r = f["relations"][0]
        return f"{REL[FLIP[r['relation']]]} the {r['other']}"
    if defect == "size":
        return {"small": "large, about 30% of the image", "medium": "tiny, about 0.2% of the image",
                "large": "small, about 0.3% of the image"}[f["size_class"]]
    if defect == "count":
        return "a single connected region" if f["components"] > 1 else "two separate regions"


def ask_first(p, style, rng, named):
    give = rng.choice(p["give"]) if named else None
    what = ("the paired organs" if p["target"] == "kidney" else "these findings") if len(p["comps"]) > 1 else "the structure"
    fn = p["fn"]
    frames = {
        "terse": [f"Segment {what} that {fn}.", f"Which structure here {fn}? Mask it.",
                  f"Axial slice. Find what {fn} and segment it.", f"Locate {what} that {fn}, please."],
        "tutor": [f"I'm a student. Could you show me {what} in this scan that {fn}?",
                  f"Can you help me find and outline {what} that {fn}?",
                  f"My teacher asked which part of this image {fn}. Can you segment it?",
                  f"Where is {what} that {fn}? Please outline it for me."],
        "markdown": [f"Hey! Can you segment {what} that {fn}?", f"Quick one: what in this image {fn}? Please segment it.",
                     f"Could you highlight {what} which {fn}?", f"Please find and mask {what} that {fn}."],
        "words": [f"Please segment {what} that {fn}.", f"Which region {fn}? Segment it, and give numbers in words.",
                  f"Can you outline {what} that {fn}?", f"Find and segment {what} that {fn}, please."],
    }[style]
    q = rng.choice(frames)
    if give:
        q = q.rstrip("?.") + rng.choice([f" (I think it's {give}-related)?", f" - is this the {give} area?",
                                         f"? The {give} region, I guess."])
    return q


def convention(rng):
    return rng.choice(["By radiological convention the patient's left is shown on the image's right.",
                       "Remember the image is viewed from the feet, so image right is patient left.",
                       "As usual on axial scans, the patient's right appears on the left of the screen."])


def facts_sents(p, f, style, rng, bad=None):
    """True sentences (one replaced by the false one when `bad` is a (kind, text))."""
    adj, num = size_txt(f, style, rng)
    side, vert = side_txt(f["laterality"], rng), vert_txt(f["vertical"], rng)
    cnt = count_txt(f["components"], style, rng)
    rels = f["relations"][:2]
    rel = f"It lies {REL[rels[0]['relation']]} the {rels[0]['other']}." if rels else ""
    if bad and bad[0] == "laterality":
        side = bad[1]
    if bad and bad[0] == "position":
        if f["vertical"] in ("anterior", "posterior"):
            vert = bad[1]
        else:
            rel = f"It lies {bad[1]}."
    if bad and bad[0] == "size":
        adj, num = bad[1], None
    if bad and bad[0] == "count":
        cnt = bad[1]
    sz = f"{adj}, {num} of the image" if num else adj
    fr = {
        "terse": [f"Side: {side}. Position: {vert}. Size: {sz}. Extent: {cnt}.",
                  f"{side.capitalize()}, {vert}. {sz.capitalize()}. {cnt.capitalize()}.",
                  f"Mask is {side} and {vert}; {sz}; {cnt}."],
        "tutor": [f"Notice that it is {side}, and it sits {vert}. It is {sz}, and it forms {cnt}.",
                  f"Let's look together: the mask is {side}. Front to back it is {vert}. In size it is {sz}. Count it: {cnt}.",
                  f"First, the side: {side}. Second, depth: {vert}. Third, size: {sz}. Finally, it shows {cnt}."],
        "markdown": [f"## Findings\n- **Side:** {side}\n- **Position:** {vert}\n- **Size:** {sz}\n- **Regions:** {cnt}",
                     f"**Where?** It's {side} and {vert}.\n\n**How big?** {sz.capitalize()}.\n\n**Pieces:** {cnt}.",
                     f"### Summary\n* {side.capitalize()}\n* {vert.capitalize()}\n* {sz.capitalize()}\n* {cnt.capitalize()}"],
        "words": [f"It is {side}, {vert}, {sz}, and made of {cnt}.",
                  f"The mask sits {side}; it is {vert}; it is {sz}; it shows {cnt}.",
                  f"In words: side {side}, position {vert}, size {sz}, {cnt}."],
    }[style]
    return rng.choice(fr), rel


def traps(p, f, rng):
    out = [rng.choice(p["kb"])]
    s = f["laterality"]
    if s in ("left", "right"):
        out.append(rng.choice([f"It is not on the {OPP[s]}.", f"It is not a {OPP[s]}-sided structure here.",
                               f"It does not lie on the patient's {OPP[s]}."]))
    if f["components"] == 1:
        out.append(rng.choice(["There is no second focus.", "No separate satellite piece is seen."]))
    if rng.random() < 0.6:
        out.append(convention(rng))
    return " ".join(out)


def follow(p, f, style, rng, bad=None, used=None):
    """A follow-up (question, answer); `bad` puts the false claim in the question or answer."""
    kind = rng.choice([k for k in ["side", "size", "count", "why", "confirm"] if k not in (used or ())])
    if used is not None:
        used.add(kind)
    if bad:
        kind = {"laterality": "side", "position": "side", "size": "size", "count": "count"}[bad[0]]
    adj, num = size_txt(f, style, rng)
    if kind == "side":
        q = rng.choice(["Which side is it on?", "Which side of the patient, exactly?", "So where is it, side-wise?"])
        a = f"It is {side_txt(f['laterality'], rng)} and {vert_txt(f['vertical'], rng)}."
        if bad:
            a = f"It is {bad[1]}." if bad[0] == "laterality" else (
                f"It lies {bad[1]}." if f["vertical"] not in ("anterior", "posterior") else
                f"It is {side_txt(f['laterality'], rng)}, and {bad[1]}.")
        return q, a + " " + convention(rng)
    if kind == "size":
        q = rng.choice(["How big is it?", "And how large is the mask?", "What about its size?"])
        a = f"It is {bad[1]}." if bad else f"It is {adj}, {num} of the image."
        return q, a + " " + rng.choice(p["kb"])
    if kind == "count":
        q = rng.choice(["Is it one piece or several?", "How many separate parts are there?", "Any other regions?"])
        a = f"It forms {bad[1]}." if bad else f"It forms {count_txt(f['components'], style, rng)}."
        return q, a
    if kind == "why":
        return rng.choice(["Why does that matter here?", "Why is that?", "Why does the side matter?"]), (
            f"Because the structure {p['fn'].split(' and ')[0]}, and knowing its place guides the report. "
            + rng.choice(p["kb"]))
    s = f["laterality"]
    return (f"So it is {side_txt(s, rng)}" + rng.choice([", right?", ", correct?", "? Just checking.", ", yes?"]), rng.choice(["Yes, that is correct.", "Correct, exactly so.",
                                                             "Yes. " + convention(rng)]))


def user_bad(f, defect, rng):
    t = wrong(f, defect, rng)
    return rng.choice([f"Why is it {t}?", f"I read that it is {t}; what does that imply?",
                       f"Given that it is {t}, what should I look at next?"])


def _int_words(n):
    if n < 20:
        return WORDS[n] if n <= 20 else str(n)
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if n < 100:
        return tens[n // 10] + ("-" + WORDS[n % 10] if n % 10 else "")
    return WORDS[n // 100] + " hundred" + (" and " + _int_words(n % 100) if n % 100 else "")


def spell(text):
    """Numbers as words (the `words` register): 1.5 -> one point five, 400 -> four hundred."""
    import re

    def sub(m):
        a, b = m.group(1), m.group(2)
        return _int_words(int(a)) + (" point " + " ".join(WORDS[int(d)] for d in b) if b else "")
    return re.sub(r"(?<![\w.])(\d{1,3})(?:\.(\d+))?(?![\w.]*\d)", sub, text)


def build(p, f, style, rng, defect):
    turns, exp = _build(p, f, style, rng, defect)
    if style == "words":
        turns = [{"role": t["role"], "content": spell(t["content"]).replace("%", " percent")} for t in turns]
    return turns, exp


def _build(p, f, style, rng, defect):
    if defect == "position" and f["vertical"] not in ("anterior", "posterior") and not f["relations"]:
        defect = "size"  # no position fact to contradict
    named = defect == "names_target"
    fact_defect = defect if defect in ("laterality", "position", "size", "count") else None
    in_user = fact_defect and rng.random() < 0.2
    in_follow = fact_defect and not in_user and rng.random() < 0.3
    bad = (fact_defect, wrong(f, fact_defect, rng)) if fact_defect else None
    q1 = ask_first(p, style, rng, named)
    body, rel = facts_sents(p, f, style, rng, bad if (bad and not in_user and not in_follow) else None)
    lead = rng.choice({"terse": ["[SEG]", "Segmented: [SEG]", "Mask: [SEG]"],
                       "tutor": ["Good question! Here it is: [SEG]", "Sure, I've outlined it: [SEG]", "Here you go: [SEG]"],
                       "markdown": ["Sure! 🙂 Here's the segmentation: [SEG]", "Absolutely! [SEG]", "Here it is: [SEG]"],
                       "words": ["Here is the mask: [SEG]", "Done: [SEG]", "The segmentation: [SEG]"]}[style])
    a1 = f"{lead}\n\n{body}{chr(10) * 2 if style == 'markdown' else ' '}{rel}\n\n{traps(p, f, rng)}".strip()
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    rounds = 2 if (in_user or in_follow) else rng.choice([1, 2, 3])
    if in_user:
        turns += [{"role": "user", "content": user_bad(f, fact_defect, rng)},
                  {"role": "assistant", "content": "Let me restate what the mask shows. " + traps(p, f, rng)}]
    elif in_follow:
        q, a = follow(p, f, style, rng, bad)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    used = {"side", "size", "count"} & ({"side"} if in_follow and fact_defect in ("laterality", "position")
                                       else {fact_defect} if in_follow else set())
    for _ in range(rounds - (len(turns) // 2)):
        q, a = follow(p, f, style, rng, used=used)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, [defect] if defect else []
