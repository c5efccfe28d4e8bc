"""Bank CI: neck and head-and-neck CT/MR (axial "LP", coronal "LI") and thyroid ultrasound (axial "LP").

Written blind (helper qcci): no QC rule, QC test, other bank or corpus row was opened. Facts are the
product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic ellipse masks; the prose is
written from those measured facts. Four registers new to the corpus: a clinical decision-support tool's
scored output ("cds"), an answer with probability ranges beside the mask facts ("prob"), a surgeon-to-surgeon
pre-operative briefing whose own hands are not the patient's sides ("surgeon"), and a plain multi-paragraph
answer that first restates the question ("restate"). Every planted sentence that states a fact about the
mask is logged in `AUDIT` (text, kind, value) so an independent reader (/work/notes/qcci_scripts) can check
it against the facts. First measure: not taken by the writer (the lead measures after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["cds", "prob", "surgeon", "restate"]
OPP = {"left": "right", "right": "left"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}
AUDIT: list[list[tuple[str, str, object]]] = []  # per build call: (sentence, fact kind, claimed value)

AX = {"trachea": (0.5, 0.36), "spinal cord": (0.5, 0.70), "esophagus": (0.49, 0.47)}
COR = {"larynx": (0.5, 0.42), "trachea": (0.5, 0.62)}
US = {"trachea": (0.5, 0.30)}
CT, MR, USN = "CT", "MR", "US"
MODNAME = {"CT": "CT", "MR": "MR", "US": "ultrasound"}

PROFILES = [
    dict(target="thyroid gland", mod=CT, o="LP", noun="gland", cents=[(0.5, 0.30)], ab=(2.6, 1.0), size="medium",
         others=AX, fn=["makes the hormones that set the body's metabolic rate",
                        "stores iodine and wraps around the front of the airway below the voice box"],
         give=["thyroid", "thyroidal", "the thyroid's"]),
    dict(target="thyroid gland", mod=CT, o="LI", noun="gland", cents=[(0.5, 0.68)], ab=(2.4, 1.0), size="medium",
         others=COR, fn=["makes the hormones that set the body's metabolic rate",
                         "can swell into a goitre that moves on swallowing"],
         give=["thyroid", "thyro-", "goitrous thyroid"]),
    dict(target="thyroid gland", mod=MR, o="LP", noun="gland", cents=[(0.39, 0.31), (0.61, 0.31)], ab=(1.0, 1.4),
         size="medium", others=AX, fn=["makes the hormones that set the body's metabolic rate"],
         give=["thyroid", "thyroidal"]),
    dict(target="left thyroid lobe", mod=USN, o="LP", noun="lobe", cents=[(0.68, 0.40)], ab=(1.4, 1.0), size="large",
         others=US, fn=["is one half of the butterfly-shaped hormone-making gland at the front of the neck"],
         give=["left thyroid lobe", "thyroid", "left lobe of the thyroid"]),
    dict(target="right thyroid lobe", mod=USN, o="LP", noun="lobe", cents=[(0.32, 0.40)], ab=(1.4, 1.0), size="large",
         others=US, fn=["is one half of the butterfly-shaped hormone-making gland at the front of the neck"],
         give=["right thyroid lobe", "thyroid", "thyroidal"]),
    dict(target="common carotid artery", mod=CT, o="LP", noun="vessels", cents=[(0.36, 0.40), (0.64, 0.40)],
         ab=(1, 1), size="small", others=AX, fn=["carry oxygenated blood up the neck toward the brain and face"],
         give=["carotid", "carotids", "CCA"]),
    dict(target="left common carotid artery", mod=MR, o="LP", noun="artery", cents=[(0.64, 0.40)], ab=(1, 1),
         size="small", others=AX, fn=["carries oxygenated blood up one side of the neck toward the brain"],
         give=["carotid", "left CCA", "common carotid"]),
    dict(target="right common carotid artery", mod=CT, o="LP", noun="artery", cents=[(0.36, 0.40)], ab=(1, 1),
         size="small", others=AX, fn=["carries oxygenated blood up one side of the neck toward the brain"],
         give=["carotid", "right CCA", "carotid artery"]),
    dict(target="internal jugular vein", mod=CT, o="LP", noun="veins", cents=[(0.30, 0.41), (0.70, 0.41)],
         ab=(1.3, 1), size="small", others=AX, fn=["drain blood from the brain back down toward the heart"],
         give=["jugular", "IJV", "internal jugular"]),
    dict(target="parotid gland", mod=CT, o="LP", noun="glands", cents=[(0.24, 0.60), (0.76, 0.60)], ab=(1, 1.5),
         size="medium", others=AX, fn=["are the largest salivary glands, sitting in front of the ears"],
         give=["parotid", "parotids", "parotitis"]),
    dict(target="left parotid gland", mod=MR, o="LP", noun="gland", cents=[(0.76, 0.60)], ab=(1, 1.5), size="medium",
         others=AX, fn=["is the largest salivary gland on one side, in front of the ear"],
         give=["parotid", "left parotid", "parotid tail"]),
    dict(target="right submandibular gland", mod=CT, o="LP", noun="gland", cents=[(0.33, 0.30)], ab=(1.3, 1),
         size="small", others=AX, fn=["makes most of the resting saliva and sits tucked under the jaw on one side"],
         give=["submandibular", "SMG", "submaxillary"]),
    dict(target="submandibular gland", mod=MR, o="LI", noun="glands", cents=[(0.34, 0.32), (0.66, 0.32)], ab=(1.3, 1),
         size="small", others=COR, fn=["make most of the resting saliva and sit tucked under the jaw"],
         give=["submandibular", "submaxillary", "SMG"]),
    dict(target="larynx", mod=CT, o="LP", noun="structure", cents=[(0.5, 0.28)], ab=(1.2, 1), size="medium",
         others=AX, fn=["houses the folds that vibrate when we speak and protects the airway when we swallow"],
         give=["laryngeal", "larynx", "glottic"]),
    dict(target="trachea", mod=CT, o="LP", noun="tube", cents=[(0.5, 0.34)], ab=(1, 1), size="small",
         others={k: v for k, v in AX.items() if k != "trachea"}, fn=["carries air from the throat down into the chest"],
         give=["tracheal", "windpipe", "trachea"]),
    dict(target="spinal cord", mod=MR, o="LP", noun="structure", cents=[(0.5, 0.70)], ab=(1, 0.8), size="small",
         others={"trachea": (0.5, 0.36), "esophagus": (0.49, 0.47)},
         fn=["carries nerve signals between the brain and the rest of the body inside the bony canal"],
         give=["spinal cord", "cord", "myelopathic"]),
    dict(target="vertebral body", mod=CT, o="LP", noun="bone", cents=[(0.5, 0.59)], ab=(1.2, 1), size="medium",
         others={"trachea": (0.5, 0.36), "spinal cord": (0.5, 0.71)},
         fn=["is the weight-bearing bony block at the back of the neck that the discs sit between"],
         give=["vertebral", "C5 vertebra", "spine"]),
    dict(target="lymph node", mod=CT, o="LP", noun="finding", cents=None, ab=(1, 1), size="small", others=AX,
         fn=["may be the small bean-shaped immune filters that swell with infection or cancer"],
         give=["lymph node", "nodal", "lymphadenopathy"]),
    dict(target="metastatic lymph node", mod=MR, o="LI", noun="finding", cents=None, ab=(1, 1), size="small",
         others=COR, fn=["looks like spread of a throat cancer to the small immune filters low in the neck"],
         give=["nodal metastasis", "metastatic node", "nodal disease"]),
]

SIZE_FRAC = {"small": (0.003, 0.006), "medium": (0.018, 0.035), "large": (0.08, 0.14)}


def record_for(p: dict) -> dict:
    region = "head and neck" if "parotid" in p["target"] or "submandibular" in p["target"] else "neck"
    return {"modality": p["mod"], "body_region": region, "orientation": p["o"]}


def pick_profile(profiles, i, defect, rng):
    """Lymph nodes (one to three regions, one side or both) a little more often: the count and multi-region cases."""
    nodes = [p for p in profiles if p["cents"] is None]
    return rng.choice(nodes) if rng.random() < 0.2 else rng.choice(profiles)


def _centres(p, rng):
    if p["cents"] is not None:
        return [(x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.015, 0.015)) for x, y in p["cents"]]
    n = rng.choice([1, 2, 2, 3, 3])
    ys = (0.36, 0.40) if p["o"] == "LP" else (0.64, 0.72)
    xs = [rng.choice([rng.uniform(0.24, 0.38), rng.uniform(0.62, 0.76)]) for _ in range(n)]
    if n >= 2 and rng.random() < 0.5:
        xs = [rng.uniform(0.62, 0.76) if xs[0] > 0.5 else rng.uniform(0.24, 0.38) for _ in range(n)]
    cs = []
    for x in xs:
        for _ in range(50):  # keep the nodes apart so they stay separate regions
            y = rng.uniform(*ys)
            if all(abs(x - a) > 0.08 or abs(y - b) > 0.08 for a, b in cs):
                break
            x = x + (0.09 if x < 0.5 else -0.09) * rng.choice([1, -1]) * 0.5
        cs.append((x, y))
    return cs


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    n = 256
    cents = _centres(p, rng)
    frac = rng.uniform(*SIZE_FRAC[p["size"]]) / len(cents)
    a, b = p["ab"]
    yy, xx = np.mgrid[0:n, 0:n]
    mask = np.zeros((n, n), bool)
    for cx, cy in cents:
        r = (frac * n * n / (np.pi * a * b)) ** 0.5
        mask |= ((xx - cx * (n - 1)) / (a * r)) ** 2 + ((yy - cy * (n - 1)) / (b * r)) ** 2 <= 1
    others = {k: v for k, v in p["others"].items() if k != p["target"]}
    return compute_facts(mask, p["o"], others).model_dump(mode="json")


# --- true statements of the measured facts, in several frames ---------------------------------------

REL = {"left_of": ["to the patient's left of", "on the patient's left side of"],
       "right_of": ["to the patient's right of", "on the patient's right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to", "higher up than"],
       "inferior_to": ["below", "inferior to", "lower down than"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
VERT = {"anterior": ["toward the front of the neck", "anteriorly", "in the anterior part of the neck"],
        "posterior": ["toward the back of the neck", "posteriorly", "in the posterior part of the neck"],
        "superior": ["high in the neck", "superiorly", "in the upper part of the neck"],
        "inferior": ["low in the neck", "inferiorly", "in the lower part of the neck, near the collarbones"]}


def side_txt(side, rng, style):
    if style == "cds":
        return rng.choice(["Laterality: {S} [confidence {c}]", "Side: {S} (score {c})",
                           "Lateralisation .... {S}  conf={c}"]).format(S=side.upper(), c=f"{rng.uniform(0.82, 0.97):.2f}")
    return {"left": rng.choice(["It sits on the patient's left.", "This one is left-sided.",
                                "It lies in the left side of the patient's neck."]),
            "right": rng.choice(["It sits on the patient's right.", "This one is right-sided.",
                                 "It lies in the right side of the patient's neck."]),
            "midline": rng.choice(["It sits in the midline.", "It is a midline structure, centred between left and right.",
                                   "It lies centrally, straddling the midline."]),
            "bilateral": rng.choice(["It is bilateral: there is one on the patient's left and one on the right.",
                                     "Both sides are present, left and right.",
                                     "It appears on both sides of the neck."])}[side]


def vert_txt(v, rng, style):
    if style == "cds":
        return rng.choice(["Position: {V} [confidence {c}]", "Depth/level: {V} (score {c})"]).format(
            V=v.upper(), c=f"{rng.uniform(0.80, 0.96):.2f}")
    w = rng.choice(VERT[v])
    return rng.choice([f"It lies {w}.", f"On this slice it sits {w}.", f"Its position is {v}, i.e. it lies {w}."])


def rel_txt(rel, rng, style):
    o, r = rel["other"], rel["relation"]
    if style == "cds":
        return f"Relation: {r} {o}"
    ph = rng.choice(REL[r])
    return rng.choice([f"It lies {ph} the {o}.", f"Relative to the {o}, it sits {ph} that structure.",
                       f"It is {ph} the {o}."])


def pct(f):
    p = f["area_fraction"] * 100
    return f"{p:.1f}%" if p >= 1 else f"{p:.2f}%"


def size_txt(f, rng, style, which=None):
    which = which or rng.choice(["class", "pct", "both"])
    sc, pc = f["size_class"], pct(f)
    word = {"small": ["small", "compact", "modest"], "medium": ["medium-sized", "moderate in size",
                                                                        "of intermediate size"],
            "large": ["large", "sizeable", "big"]}[sc]
    if style == "cds":
        return {"class": f"Size class: {sc.upper()}", "pct": f"Mask area: {pc} of image",
                "both": f"Size: {sc.upper()} | area {pc} of the image"}[which]
    w = rng.choice(word)
    return {"class": rng.choice([f"It is {w} on this slice.", f"Size-wise it is {w}."]),
            "pct": rng.choice([f"It covers about {pc} of the image.", f"The mask takes up roughly {pc} of the slice."]),
            "both": rng.choice([f"It is {w}, covering about {pc} of the image.",
                                f"At roughly {pc} of the slice it is {w}."])}[which]


def count_txt(n, rng, style):
    if style == "cds":
        return rng.choice([f"Connected regions: {n}", f"Components: {n}"])
    if n == 1:
        return rng.choice(["It is one continuous region.", "The mask is a single connected piece.",
                           "There is just one region, with no separate second focus."])
    w = NUM[n]
    return rng.choice([f"The mask has {w} separate regions.", f"It is made of {w} distinct pieces.",
                       f"There are {w} separate regions in the mask."])


# --- one false claim of the given kind ----------------------------------------------------------------

def wrong_side(side, rng):
    if side in OPP:
        return OPP[side]
    return rng.choice(["left", "right"])


def wrong_side_txt(side, rng, style):
    w = wrong_side(side, rng)
    if style == "cds":
        return side_txt(w, rng, style), w
    if side == "bilateral":
        return rng.choice([f"It is only on the patient's {w}; the other side is empty.",
                           f"Only the patient's {w} side is involved.", f"It is a one-sided, {w}-only finding."]), w
    if side == "midline":
        return rng.choice([f"It sits clearly on the patient's {w}, well off the midline.",
                           f"It is a {w}-sided structure, not a midline one."]), w
    return rng.choice([f"It sits on the patient's {w}.", f"This one is {w}-sided.",
                       f"It lies in the {w} side of the patient's neck."]), w


def wrong_size_txt(f, rng, style):
    sc = f["size_class"]
    if rng.random() < 0.5:
        w = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[sc]
        if sc == "medium" and w == "small":
            w = "large"  # 'small' for a 1.8% mask is too close to the bound to be plainly wrong
        word = {"small": rng.choice(["tiny", "very small"]), "large": rng.choice(["large", "very large", "bulky"])}[w]
        if style == "cds":
            return f"Size class: {w.upper()}", ("class", w)
        return rng.choice([f"It is {word} on this slice.", f"Size-wise it is {word}."]), ("class", w)
    p = f["area_fraction"] * 100
    bad = {"small": rng.choice([12, 15, 20]), "medium": rng.choice([20, 25, 30]), "large": rng.choice([0.3, 0.4])}[sc]
    bt = f"{bad}%"
    if style == "cds":
        return f"Mask area: {bt} of image", ("pct", bad)
    return rng.choice([f"It covers about {bt} of the image.", f"The mask takes up roughly {bt} of the slice."]), ("pct", bad)


def wrong_count_txt(n, rng, style):
    w = 2 if n == 1 else 1
    if style == "cds":
        return f"Connected regions: {w}", w
    if w == 2:
        return rng.choice(["It is split into two separate pieces.", "The mask has two separate regions.",
                           "There are two distinct regions here."]), w
    return rng.choice(["It is one continuous region.", "The mask is a single connected piece.",
                       "There is just one region."]), w


# --- sentences that are true and tempt a careless reader ---------------------------------------------

KB = ["The right recurrent laryngeal nerve hooks under the subclavian artery, while the left one loops under the aortic arch.",
      "The left common carotid artery arises directly from the aortic arch, whereas the right one comes off the brachiocephalic trunk.",
      "The right internal jugular vein is usually the larger of the two.",
      "The esophagus usually lies slightly to the left of the trachea in the lower neck.",
      "The cricoid cartilage sits at about the level of the C6 vertebra.",
      "Thyroid nodules turn up on ultrasound in roughly half of adults over 60, and about 90-95% of them are benign.",
      "Roughly 80% of salivary gland tumours arise in the parotid, and about 80% of those are benign.",
      "The spinal cord sits behind the vertebral bodies, inside the spinal canal.",
      "The trachea lies in front of the esophagus."]
PROB = ["Findings with this appearance are 70-80% likely benign.",
        "I'd estimate a 5-10% chance that a specialist would read this differently.",
        "In series of neck scans, anatomical variants here show up in perhaps 10-15% of patients.",
        "Most reviewers (say 85-95%) would agree on this identification."]


def traps(p, f, style, skip):
    side, out = f["laterality"], list(KB)
    if "side" not in skip:
        if side in OPP:
            out += [f"It is not on the patient's {OPP[side]}.", f"There is nothing on the {OPP[side]} side."]
            if p["o"] == "LP" and p["mod"] != USN:
                out.append(f"On screen it shows on the image's {OPP[side]}, which is the patient's {side}, "
                           "because axial images are viewed from the feet.")
            if style == "surgeon":
                out.append(f"Facing the patient across the table it's on my {OPP[side]} hand, "
                           f"but remember it is the patient's {side}.")
        elif side == "midline":
            out += ["It does not lean to either side.", "Neither left nor right: it is central."]
            if style == "surgeon":
                out.append("Whichever side of the table you stand on, it's straight down the middle.")
        else:
            out += ["Neither side is spared.", "It is not a one-sided finding."]
            if style == "surgeon":
                out.append("Whichever side of the table you stand on, you'll meet one near you.")
    if p["o"] == "LI":
        out.append("Coronal images are displayed as if facing the patient, so the patient's left appears on the viewer's right.")
    if "count" not in skip:
        out.append("No second focus is seen." if f["components"] == 1 else "It is not one single connected region.")
    if style == "prob":
        out += PROB
    return out


# --- the conversation --------------------------------------------------------------------------------

def _cap(s):
    return s[0].upper() + s[1:]


def first_question(p, style, rng, bad_q=None):
    fn, noun, mod = rng.choice(p["fn"]), p["noun"], MODNAME[p["mod"]]
    if bad_q:
        return bad_q
    return rng.choice({
        "cds": [f"Which {noun} on this neck {mod} {fn}? Return the mask with laterality and flags.",
                f"Query: locate the {noun} that {fn}. Can you segment it and report the scores?"],
        "prob": [f"How sure can you be about which {noun} on this {mod} {fn}? Please segment it.",
                 f"Which {noun} here {fn}? Give me your confidence and segment it."],
        "surgeon": [f"Before we start tomorrow, can you show me the {noun} that {fn} on this {mod}?",
                    f"We operate on this neck in the morning. Which {noun} {fn}, and where will I find it?"],
        "restate": [f"I'm looking at a {mod} of the neck. Which {noun} {fn}, and where exactly is it?",
                    f"On this {mod}, could you segment the {noun} that {fn} and explain the location?"]}[style])


def names_question(p, rng):
    g, mod = rng.choice(p["give"]), MODNAME[p["mod"]]
    return rng.choice([f"Where is the {g} structure on this {mod}? Please segment it.",
                       f"The referral mentions {g} findings. Can you outline what that refers to here?",
                       f"Could you mask the {g} tissue on this neck {mod}?"])


def bad_user_question(p, f, kind, rng, style):
    """A first question that presupposes one false fact (the answer then never states that fact)."""
    fn, noun, mod = rng.choice(p["fn"]), p["noun"], MODNAME[p["mod"]]
    do, be = ("do", "are") if noun.endswith("s") else ("does", "is")
    if kind == "laterality":
        w = wrong_side(f["laterality"], rng)
        only = " only" if f["laterality"] == "bilateral" else ""
        return f"Which {noun} on the patient's {w} side{only} {fn}? Please segment it.", ("side", w)
    if kind == "position":
        if rng.random() < 0.5 and f["relations"]:
            rel = rng.choice(f["relations"])
            r = FLIP[rel["relation"]]
            return (f"Which {noun} lying {REL[r][0]} the {rel['other']} {fn}? Please segment it.",
                    ("rel", (rel["other"], r)))
        v = VFLIP[f["vertical"]]
        far = {"anterior": "forward", "posterior": "back", "superior": "up", "inferior": "down"}[v]
        return f"Why {do} the {noun} that {fn} sit so far {far} in the neck here? Segment it.", ("vert", v)
    if kind == "size":
        w = "large" if f["size_class"] != "large" else "small"
        word = {"large": "huge", "small": "tiny"}[w]
        return f"Why {do} the {noun} that {fn} look so {word} on this {mod}? Please segment it.", ("class", w)
    w = 2 if f["components"] == 1 else 1
    if w == 2:
        return f"Why {be} the {noun} that {fn} split into two separate pieces here? Segment it.", ("count", 2)
    return f"Segment the {noun} that {fn}: why is the mask just one single connected region here?", ("count", 1)


FOLLOW = {"side": ["Which side is it on?", "Is it left or right of the patient's midline?"],
          "vert": ["Where does it sit, front or back?", "How high or deep is it on this slice?"],
          "rel": ["Where is it relative to its neighbours?", "What does it lie next to?"],
          "size": ["How big is it?", "How much of the slice does it take up?"],
          "count": ["Is it one piece or several?", "How many separate regions are there?"],
          "why": ["Why is that?", "Why does that matter for us?"]}


def decorate(s, style, rng):
    """The register's framing around one fact sentence (the fact itself is unchanged)."""
    if style == "prob" and rng.random() < 0.45:
        lo = rng.choice([85, 90, 92, 95])
        return s[:-1] + rng.choice([f" (I'd say {lo}-{min(lo + 5, 99)}% sure).", f", with roughly {lo}% confidence.",
                                    f" - probability {lo}-{min(lo + 7, 99)}%."])
    if style == "surgeon" and rng.random() < 0.4:
        return rng.choice(["Heads-up: ", "Bear in mind: ", "On the scan, ", "For the record, "]) + s[0].lower() + s[1:]
    return s


def name_of(p, strip_side):
    t = p["target"]
    return t.replace("left ", "").replace("right ", "") if strip_side else t


def build(p, facts, style, rng, defect):
    f, audit = facts, []
    skip, bad, bad_where = set(), None, None
    bad_q = restate = None
    if defect in ("laterality", "position", "size", "count"):
        bad_where = rng.choices(["user", "answer", "follow"], weights=[0.24, 0.5, 0.26])[0]
        if bad_where == "user":
            bad_q, claim = bad_user_question(p, f, defect, rng, style)
            if style == "restate" and rng.random() < 0.5:  # the false premise only in the answer's restatement
                restate, bad_q = "In other words, you are asking: " + bad_q[0].lower() + bad_q[1:], None
                audit.append((restate, "FALSE:" + claim[0], claim[1]))
            else:
                audit.append((bad_q, "FALSE:" + claim[0], claim[1]))
        else:
            if defect == "laterality":
                bad, w = wrong_side_txt(f["laterality"], rng, style)
                audit.append((bad, "FALSE:side", w))
            elif defect == "position":
                if rng.random() < 0.5 and f["relations"]:
                    rel = rng.choice(f["relations"])
                    r = FLIP[rel["relation"]]
                    bad = rel_txt({"other": rel["other"], "relation": r}, rng, style)
                    audit.append((bad, "FALSE:rel", (rel["other"], r)))
                    skip.add(("rel", rel["other"]))
                else:
                    v = VFLIP[f["vertical"]]
                    bad = vert_txt(v, rng, style)
                    audit.append((bad, "FALSE:vert", v))
            elif defect == "size":
                bad, c = wrong_size_txt(f, rng, style)
                audit.append((bad, "FALSE:" + c[0], c[1]))
            else:
                bad, w = wrong_count_txt(f["components"], rng, style)
                audit.append((bad, "FALSE:count", w))
        kind = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
        if defect == "position":
            kind = "vert" if audit[0][1] == "FALSE:vert" or (bad_q and audit[0][1] == "FALSE:vert") else None
            if audit[0][1] == "FALSE:rel":
                skip.add(("rel", audit[0][2][0]))
        if kind:
            skip.add(kind)
    q = names_question(p, rng) if defect == "names_target" else first_question(p, style, rng, bad_q)
    # true fact sentences, each logged
    facts_s = {}
    if "side" not in skip:
        facts_s["side"] = (side_txt(f["laterality"], rng, style), "side", f["laterality"])
    if "vert" not in skip:
        facts_s["vert"] = (vert_txt(f["vertical"], rng, style), "vert", f["vertical"])
    rels = [r for r in f["relations"] if ("rel", r["other"]) not in skip
            and not (("side" in skip or f["laterality"] == "bilateral") and r["relation"] in ("left_of", "right_of"))]
    rng.shuffle(rels)
    if rels:
        facts_s["rel"] = [(rel_txt(r, rng, style), "rel", (r["other"], r["relation"])) for r in rels[:2]]
    if "size" not in skip:
        which = rng.choice(["class", "pct", "both"])
        facts_s["size"] = (size_txt(f, rng, style, which), "size:" + which, (f["size_class"], pct(f)))
    if "count" not in skip:
        facts_s["count"] = (count_txt(f["components"], rng, style), "count", f["components"])
    trap_s = traps(p, f, style, skip)
    if style == "prob" and not (p["target"] == "lymph node" or "thyroid" in p["target"]):
        trap_s = [t for t in trap_s if "benign" not in t or "Thyroid" in t or "salivary" in t]
    n_rounds = rng.choice([1, 2, 2, 3]) if bad_where != "follow" else rng.choice([2, 3])
    keys = [k for k in ("side", "vert", "rel", "size", "count") if k in facts_s]
    rng.shuffle(keys)
    n_main = len(keys) if n_rounds == 1 else max(2, len(keys) - n_rounds + 1)
    main_keys, later_keys = keys[:n_main], keys[n_main:]

    def sents(k):
        v = facts_s[k]
        items = v if isinstance(v, list) else [v]
        items = [(decorate(t, style, rng), k2, v2) for t, k2, v2 in items]
        audit.extend(items)
        return [t for t, _, _ in items]

    if bad is not None:
        bad = decorate(bad, style, rng)
        audit[0] = (bad,) + tuple(audit[0][1:])
    body = [s for k in main_keys for s in sents(k)]
    extra = rng.sample(trap_s, k=2)
    if bad_where == "answer":
        body.insert(rng.randrange(len(body) + 1), bad)
    ans = render(p, style, rng, q, name_of(p, defect == "laterality" and bad_where == "user"), body, extra, f, restate)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": ans}]
    follow_kinds = later_keys[:]
    while len(follow_kinds) < n_rounds - 1:
        follow_kinds.append("why")
    if bad_where == "follow":
        fk = {"laterality": "side", "size": "size", "count": "count"}.get(defect) or \
            ("vert" if audit[0][1] == "FALSE:vert" else "rel")
        follow_kinds[0] = fk
    for j, k in enumerate(follow_kinds[:n_rounds - 1]):
        uq = rng.choice(FOLLOW[k])
        if k == "why":
            a = [rng.choice(["That is where it normally develops, held in place by the fascia around it.",
                             "Knowing exactly where it lies helps plan the approach and avoid injuring it."])]
        elif k in facts_s:
            a = sents(k)
        else:
            a = []
        if bad_where == "follow" and j == 0:
            a = [bad] + a
        a += rng.sample(trap_s, k=1)
        if style == "cds":
            a = ["Follow-up output:"] + a + ["Alert: none"]
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ("\n" if style == "cds" else " ").join(a)}]
    AUDIT.append(audit)
    return turns, ([defect] if defect else [])


def render(p, style, rng, q, name, body, extra, f, restate=None):
    if style == "cds":
        head = rng.choice(["NeckAssist CDS v2.3 | segmentation result", "[Decision support] Structure localisation",
                           "== CDS output (research use only) =="])
        lines = [head, f"Structure: {name} {SEG}", f"Model confidence: {rng.uniform(0.84, 0.98):.2f}"] + body
        lines += [rng.choice(["Alert: none", "Alerts: none raised", "Flags: 0 critical, 0 warnings"]),
                  "Note: " + extra[0]]
        return "\n".join(lines)
    if style == "prob":
        lo = rng.choice([80, 85, 90])
        lead = rng.choice([f"Most likely ({lo}-{lo + 5}%) this is the {name} {SEG}.",
                           f"I'd put it at roughly {lo}-{lo + 8}% that the highlighted region is the {name} {SEG}."])
        return " ".join([lead] + body + extra)
    if style == "surgeon":
        lead = rng.choice([f"From my side of the table: this is the {name} {SEG}.",
                           f"Quick briefing before we scrub. What you want is the {name} {SEG}."])
        tail = rng.choice(["Take it slowly there.", "Keep the field dry and you'll see it clearly.",
                           "Shout if the anatomy looks different once we're in."])
        return " ".join([lead] + body + [extra[0], tail, extra[1]])
    restated = restate or rng.choice([f'Your question, as I understand it: "{q}"',f"You are asking which {p['noun']} on this {MODNAME[p['mod']]} matches the description in your question.",
                                      "To restate your question: you want the structure you described found, outlined and placed."])
    h = rng.random() < 0.5
    paras = [restated, rng.choice([f"Short answer: it is the {name} {SEG}.", f"The structure you mean is the {name} {SEG}.",
                                   f"It is the {name} {SEG}."]),
             ("Where it is and how big: " if h else "") + " ".join(body),
             ("Background: " if h else "") + " ".join(extra)]
    return "\n\n".join(paras)
